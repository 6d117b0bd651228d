import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { type Correction, validateCorrections, withCorrection } from './schema';

/**
 * Corrections in storage.local: one versioned item holding the whole (bounded) list, read and written by
 * the background only (content scripts ask it, and Chrome keeps storage out of their reach). Every read
 * is validated, so a corrupt value is no corrections, and bad records are dropped one by one.
 */

/** The storage key. */
export const CORRECTIONS_KEY = 'local:claimlight-corrections' as const;

/** The version of the stored shape; a change bumps it and adds a migration (as settings do). */
export const CORRECTIONS_VERSION = 1;

let item: WxtStorageItem<unknown, Record<string, unknown>> | undefined;

function correctionsItem(): WxtStorageItem<unknown, Record<string, unknown>> {
  item ??= storage.defineItem<unknown>(CORRECTIONS_KEY, { fallback: null, version: CORRECTIONS_VERSION });
  return item;
}

/** Forgets the defined item (tests reset the fake browser's storage between cases). */
export function resetCorrectionsItemForTests(): void {
  item = undefined;
}

/** The stored corrections, validated, oldest first. */
export async function loadCorrections(): Promise<Correction[]> {
  try {
    return validateCorrections(await correctionsItem().getValue());
  } catch {
    return [];
  }
}

async function save(list: readonly Correction[]): Promise<Correction[]> {
  const valid = validateCorrections(list);
  await correctionsItem().setValue(valid);
  return valid;
}

/** Adds a correction (replacing one of the same sentence, claim and page); returns the new list. */
export async function addCorrection(next: Correction): Promise<Correction[]> {
  return save(withCorrection(await loadCorrections(), next));
}

/** Removes a correction by id (an unknown id changes nothing); returns the new list. */
export async function removeCorrection(id: string): Promise<Correction[]> {
  return save((await loadCorrections()).filter((c) => c.id !== id));
}
