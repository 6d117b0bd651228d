import { storage } from '@wxt-dev/storage';
import type { Claim } from '../claims/types';
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
 *
 * A pack's data is stored as one JSON string, not as the object: the browser converts a stored object
 * value by value (a 100,000-claim pack is millions of numbers and strings) on every write and every
 * worker start, while a string crosses as one value and JSON.parse reads it at memory speed. Measured in
 * Chromium on a 100,000-claim pack (`npm run bench:import`): see the commit that made the change.
 * Packs stored as objects by earlier versions are still read.
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

/**
 * The stored form of a pack's data: its JSON text, without what each claim repeats (a pack item's source
 * quotes its claim's text and names the pack as its seed): a fifth less to write and read. `format: 2`
 * marks the compact form; `decodePack` restores exactly what was encoded.
 */
export function encodePack(pack: StoredPack): string {
  const claims = pack.claims.map((c) =>
    c.sources.some((s) => s.quote === c.text || s.seed === c.origin)
      ? {
          ...c,
          sources: c.sources.map((s) => {
            const { quote, seed, ...rest } = s;
            return {
              ...rest,
              ...(quote === c.text ? {} : { quote }),
              ...(seed === c.origin ? {} : { seed }),
            };
          }),
        }
      : c,
  );
  return JSON.stringify({ format: 2, claims, matcher: pack.matcher });
}

/** A stored pack's data, from its text (or an object, as earlier versions stored it); null if malformed. */
export function decodePack(value: unknown): StoredPack | null {
  let x = value;
  if (typeof x === 'string') {
    try {
      x = JSON.parse(x);
    } catch {
      return null;
    }
  }
  if (!isStoredPack(x)) return null;
  if ((x as { format?: unknown }).format !== 2) return x;
  const claims = x.claims.map((c) => {
    if (typeof c !== 'object' || c === null || !Array.isArray(c.sources)) return c;
    for (const s of c.sources as Partial<Claim['sources'][number]>[]) {
      if (typeof s !== 'object' || s === null) continue;
      s.quote ??= c.text;
      s.seed ??= c.origin;
    }
    return c;
  });
  return { claims, matcher: x.matcher };
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
  await storage.setItem(packDataKey(info.id), encodePack(pack));
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
    const pack = decodePack(values[i]?.value);
    if (pack) out.push({ info, pack });
  });
  return out;
}
