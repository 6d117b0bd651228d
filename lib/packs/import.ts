import { PackError, parseClaimReviewPack } from '../claims/claimreview';
import type { Claim } from '../claims/types';
import { prepareMatcher, prepareMatcherAsync } from '../match/matcher';
import type { PackInfo, StoredPack } from './types';

/**
 * Turning a ClaimReview JSON file into a stored pack: parse, check, and prepare the matcher once, here,
 * so no page ever pays for it. Pure (no storage): the caller stores the result only when this returned,
 * so a bad file can never damage what is already stored.
 */

/** The largest file we accept (characters): far above real packs, well below the message size limit. */
export const MAX_PACK_CHARS = 48 * 1024 * 1024;

/** At most this many skip reasons are kept for the options page. */
const MAX_STORED_REASONS = 20;

/** FNV-1a, 32 bits, hex: a short content fingerprint (not security, just identity). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The pack id for a file: its name's slug plus a fingerprint of its content, so importing the same
 * file again replaces the pack instead of doubling its claims, while two different files never collide.
 */
export function packIdFor(fileName: string, text: string): string {
  const slug =
    fileName
      .replace(/\.[a-z0-9]+$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'pack';
  return `pack-${slug}-${fnv1a(text)}`;
}

/** A file name fit to show: no path, bounded length. */
export function displayName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()?.trim() ?? '';
  return (base || 'pack.json').slice(0, 120);
}

/**
 * Parses a ClaimReview file's text and prepares its matcher. Throws `PackError` with a message fit for
 * the user (it names the file) when the file is too large, not JSON, or holds no usable claim.
 */
export function preparePack(
  fileName: string,
  text: string,
  now: number,
): { info: PackInfo; pack: StoredPack } {
  const { info, claims } = parsePack(fileName, text, now);
  return { info, pack: { claims, matcher: prepareMatcher(claims) } };
}

/**
 * `preparePack` for the background: the matcher is prepared in short slices (see `prepareMatcherAsync`),
 * reporting the claims done, so searches are answered during a long import and a progress bar can show it.
 */
export async function preparePackAsync(
  fileName: string,
  text: string,
  now: number,
  onProgress?: (done: number, total: number) => void,
): Promise<{ info: PackInfo; pack: StoredPack }> {
  const { info, claims } = parsePack(fileName, text, now);
  return { info, pack: { claims, matcher: await prepareMatcherAsync(claims, onProgress) } };
}

/** Checks and parses a pack file (the synchronous part of an import: fast even for large files). */
function parsePack(fileName: string, text: string, now: number): { info: PackInfo; claims: Claim[] } {
  const name = displayName(fileName);
  if (text.length > MAX_PACK_CHARS)
    throw new PackError(
      `${name}: the file is too large (${Math.round(text.length / 1048576)} MB; at most 48 MB)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PackError(`${name}: not a JSON file (${e instanceof Error ? e.message : String(e)})`);
  }
  const id = packIdFor(name, text);
  let parsed: ReturnType<typeof parseClaimReviewPack>;
  try {
    parsed = parseClaimReviewPack(json, id);
  } catch (e) {
    if (e instanceof PackError) throw new PackError(`${name}: ${e.message}`);
    throw e;
  }
  if (parsed.claims.length === 0) throw new PackError(`${name}: no usable ClaimReview items`);
  const claims = parsed.claims.map((c) => ({ ...c, origin: id }));
  return {
    info: {
      id,
      name,
      claimCount: claims.length,
      skipped: parsed.skipped,
      skippedReasons: parsed.skippedReasons.slice(0, MAX_STORED_REASONS),
      importedAt: now,
    },
    claims,
  };
}
