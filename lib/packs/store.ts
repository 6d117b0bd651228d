import { storage } from '@wxt-dev/storage';
import type { PackInfo, StoredPack } from './types';

/**
 * Imported packs in storage.local (the manifest asks for `unlimitedStorage`, so a 10k-claim pack fits).
 * storage.local rather than IndexedDB: the background reads a pack once per worker start and keeps the
 * loaded matcher, so IndexedDB's partial reads would buy little, while storage.local works unchanged in
 * every context, in Firefox, and under WXT's fake browser in unit tests.
 *
 * Layout: one list of `PackInfo` (what the options page shows, small) and one item per pack with its
 * claims and prepared matcher. An import writes the pack's data first and lists it last, a removal
 * unlists first and deletes after: a crash in between leaves an unlisted orphan (ignored, and
 * overwritten by a re-import), never a listed pack without data.
 */

/** The list of imported packs. */
export const PACK_LIST_KEY = 'local:claimlight-packs' as const;

/** The storage key of a pack's data. */
export function packDataKey(id: string): `local:claimlight-pack:${string}` {
  return `local:claimlight-pack:${id}`;
}

function isPackInfo(x: unknown): x is PackInfo {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return (
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    typeof p.claimCount === 'number' &&
    typeof p.skipped === 'number' &&
    Array.isArray(p.skippedReasons) &&
    p.skippedReasons.every((r) => typeof r === 'string') &&
    typeof p.importedAt === 'number'
  );
}

function isStoredPack(x: unknown): x is StoredPack {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return Array.isArray(p.claims) && typeof p.matcher === 'object' && p.matcher !== null;
}

/** The imported packs, in import order; entries that are not valid are left out. */
export async function listPacks(): Promise<PackInfo[]> {
  const raw = await storage.getItem<unknown>(PACK_LIST_KEY);
  return Array.isArray(raw) ? raw.filter(isPackInfo) : [];
}

/** Stores a pack (replacing one with the same id) and returns the new list. */
export async function savePack(info: PackInfo, pack: StoredPack): Promise<PackInfo[]> {
  await storage.setItem(packDataKey(info.id), pack);
  const packs = [...(await listPacks()).filter((p) => p.id !== info.id), info];
  await storage.setItem(PACK_LIST_KEY, packs);
  return packs;
}

/** Removes a pack; returns the new list. Removing an unknown id changes nothing. */
export async function removePack(id: string): Promise<PackInfo[]> {
  const packs = (await listPacks()).filter((p) => p.id !== id);
  await storage.setItem(PACK_LIST_KEY, packs);
  await storage.removeItem(packDataKey(id));
  return packs;
}

/** The data of every listed pack, skipping any whose data is missing or malformed. */
export async function loadPackData(): Promise<{ info: PackInfo; pack: StoredPack }[]> {
  const packs = await listPacks();
  if (packs.length === 0) return [];
  const values = await storage.getItems(packs.map((p) => packDataKey(p.id)));
  const out: { info: PackInfo; pack: StoredPack }[] = [];
  packs.forEach((info, i) => {
    const value = values[i]?.value;
    if (isStoredPack(value)) out.push({ info, pack: value });
  });
  return out;
}
