import type { Claim } from '../claims/types';
import { mergeFuzzyVocabs } from './fuzzy-vocab';
import {
  type FlatRows,
  interner,
  isAligned,
  prepareMatcher,
  type SerializedMatcher,
  type SerializedNum,
  VERSION,
} from './prepare';

// Several prepared claim sets (the bundled index, imported packs) as one prepared index, by combining
// their prepared structures (no text is analysed again); `loadCombinedMatcher` in matcher.ts loads it.

/** A set of claims with its prepared matcher structures: the bundled index, or one imported pack. */
export interface PreparedClaims {
  claims: readonly Claim[];
  matcher: SerializedMatcher;
}

/**
 * A part whose prepared structures belong to its claims in the current format: as it is, prepared again
 * from its claims (an older format), or null when even that fails (a damaged stored pack), so one bad
 * pack never takes the others, or the bundle, down with it.
 */
function readyPart(p: PreparedClaims): PreparedClaims | null {
  try {
    if (p.matcher && isAligned(p.claims, p.matcher)) return p;
  } catch {}
  try {
    return { claims: p.claims, matcher: prepareMatcher(p.claims) };
  } catch {
    return null;
  }
}

/**
 * One index over several prepared claim sets (the bundled index plus imported packs).
 *
 * Why one index rather than one per set with their results merged: each index weighs a word by how rare
 * it is among its own claims, so a word rare among the 37 seed claims ("attacks") outscored the right
 * claim of a 10,389-claim pack, and 138 of 197 CLEF dev tweets got a seed claim first (MAP@5 0.426
 * against 0.819 for the pack alone). Combining the prepared structures costs one pass over them (no text
 * is analysed again): the measured figures are in `npm run bench`. Every statistic (document frequencies,
 * lengths, candidate caps) is then that of the whole collection, scores are on one scale, and removing a
 * pack and combining again gives exactly the index that never had it.
 */
export function combinePrepared(parts: readonly PreparedClaims[]): PreparedClaims {
  const ready = parts.flatMap((p) => {
    const part = readyPart(p);
    return part ? [part] : [];
  });
  if (ready.length === 0) return { claims: [], matcher: prepareMatcher([]) };
  if (ready.length === 1) return ready[0] as PreparedClaims;
  const vocab: string[] = [];
  const idOf = interner(vocab);
  const entities = new Set<number>();
  const remaps = ready.map(({ matcher }) => Int32Array.from(matcher.vocab ?? [], idOf));
  ready.forEach(({ matcher }, p) => {
    for (const e of matcher.entities ?? []) entities.add(remaps[p]?.[e] as number);
  });
  const nClaims = ready.map((p) => p.claims.length);
  const N = nClaims.reduce((a, b) => a + b, 0);
  const claimOffset: number[] = [];
  const quoteOffset: number[] = [];
  let co = 0;
  let qo = 0;
  for (const { claims, matcher } of ready) {
    claimOffset.push(co);
    quoteOffset.push(qo);
    co += claims.length;
    qo += matcher.quoteClaim?.length ?? 0;
  }
  // Rows of a kind (docs, attribution: claim rows of every part, then quote rows of every part; titles:
  // claim rows only), with term ids mapped into the combined vocabulary.
  const rowsOf = (pick: (m: SerializedMatcher) => FlatRows | undefined, withQuotes: boolean): FlatRows => {
    const start = [0];
    const data: number[] = [];
    const copy = (rows: FlatRows | undefined, remap: Int32Array, from: number, to: number) => {
      for (let r = from; r < to; r++) {
        if (rows && r + 1 < rows.start.length)
          for (let k = rows.start[r] as number; k < (rows.start[r + 1] as number); k++)
            data.push(remap[rows.data[k] as number] as number);
        start.push(data.length);
      }
    };
    ready.forEach((p, i) => {
      copy(pick(p.matcher), remaps[i] as Int32Array, 0, nClaims[i] as number);
    });
    if (withQuotes)
      ready.forEach((p, i) => {
        const n = nClaims[i] as number;
        copy(pick(p.matcher), remaps[i] as Int32Array, n, n + (p.matcher.quoteClaim?.length ?? 0));
      });
    return { start, data };
  };
  const quoteClaim: number[] = [];
  const quoteSource: number[] = [];
  const quoteKind: number[] = [];
  const nums: SerializedNum[] = [];
  ready.forEach(({ matcher }, i) => {
    for (const c of matcher.quoteClaim ?? []) quoteClaim.push(c + (claimOffset[i] as number));
    quoteSource.push(...(matcher.quoteSource ?? []));
    quoteKind.push(...(matcher.quoteKind ?? []));
    const n = nClaims[i] as number;
    for (const [d, ...rest] of matcher.nums ?? []) {
      const row = d < n ? d + (claimOffset[i] as number) : N + (quoteOffset[i] as number) + d - n;
      nums.push([row, ...rest] as SerializedNum);
    }
  });
  nums.sort((a, b) => a[0] - b[0]);
  const claims = ready.flatMap((p) => p.claims);
  return {
    claims,
    matcher: {
      version: VERSION,
      claimIds: claims.map((c) => c.id),
      vocab,
      entities: [...entities].sort((a, b) => a - b),
      docs: rowsOf((m) => m.docs, true),
      quoteClaim,
      quoteSource,
      quoteKind,
      attribution: rowsOf((m) => m.attribution, true),
      titles: rowsOf((m) => m.titles, false),
      nums,
      fuzzy: mergeFuzzyVocabs(ready.map((p) => p.matcher.fuzzy ?? { buckets: {} })),
    },
  };
}
