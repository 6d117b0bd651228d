// Stage 5 (optional) of the index build: curated corrections from `seeds/overrides.json`.
//
// The automatic pipeline stands on its own; overrides only fix what a reviewer disagrees with. Every
// override names claims by id, so a stale override (naming a claim that no longer exists) stops the build
// with the file, the line and the reason rather than being silently ignored.
//
// {
//   "merge":   [{ "into": "c-…", "from": ["c-…"] }],              // one claim, sources of both
//   "split":   [{ "claim": "c-…", "seeds": ["003_….txt"] }],      // those articles' sources become a claim
//   "relabel": [{ "claim": "c-…", "text": "…" }],                  // reword the claim text
//   "stance":  [{ "claim": "c-…", "seed": "004_….txt", "stance": "conflicts" }],
//   "drop":    ["c-…"],                                             // not a claim (e.g. chrome that slipped through)
//   "_comment": "…"                                                 // keys starting with "_" are notes
// }

import type { Claim, ClaimSource, Stance } from '../claims/types';
import { lineOf, SeedError } from './errors';
import { claimIdFor } from './ids';
import { deriveVerdict } from './verdict';

/** The file name of the curated overrides in the seeds directory. */
export const OVERRIDES_FILE = 'overrides.json';

/** Parsed overrides (see the header comment for the file format). */
export interface Overrides {
  merge: { into: string; from: string[] }[];
  split: { claim: string; seeds: string[] }[];
  relabel: { claim: string; text: string }[];
  stance: { claim: string; seed: string; stance: Stance }[];
  drop: string[];
}

const KEYS = ['merge', 'split', 'relabel', 'stance', 'drop'] as const;

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** The line of the first occurrence of a JSON string value in the raw file, for error messages. */
function lineOfValue(raw: string, value: string): number {
  const at = raw.indexOf(JSON.stringify(value));
  return at === -1 ? 1 : lineOf(raw, at);
}

/** Parses and validates the overrides file; throws SeedError (`overrides.json:line: reason`). */
export function parseOverrides(raw: string, file = OVERRIDES_FILE): Overrides {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+)/.exec(message)?.[1];
    throw new SeedError(
      file,
      line ? Number(line) : pos ? lineOf(raw, Number(pos)) : 1,
      `invalid JSON: ${message}`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SeedError(file, 1, 'expected an object with merge/split/relabel/stance/drop lists');
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    // "_comment" and other "_" keys are notes for reviewers (JSON has no comments).
    if (key.startsWith('_')) continue;
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new SeedError(file, lineOfValue(raw, key), `unknown key '${key}' (expected ${KEYS.join(', ')})`);
    }
  }
  const list = (key: (typeof KEYS)[number]): unknown[] => {
    const v = obj[key] ?? [];
    if (!Array.isArray(v)) throw new SeedError(file, lineOfValue(raw, key), `'${key}' must be a list`);
    return v;
  };
  const bad = (key: string, what: string): never => {
    throw new SeedError(file, lineOfValue(raw, key), `each '${key}' entry must be ${what}`);
  };
  const out: Overrides = { merge: [], split: [], relabel: [], stance: [], drop: [] };
  for (const e of list('merge')) {
    const r = e as Record<string, unknown>;
    if (typeof r?.into !== 'string' || !isStringArray(r.from)) bad('merge', '{ "into": id, "from": [ids] }');
    out.merge.push({ into: r.into as string, from: r.from as string[] });
  }
  for (const e of list('split')) {
    const r = e as Record<string, unknown>;
    if (typeof r?.claim !== 'string' || !isStringArray(r.seeds))
      bad('split', '{ "claim": id, "seeds": [files] }');
    out.split.push({ claim: r.claim as string, seeds: r.seeds as string[] });
  }
  for (const e of list('relabel')) {
    const r = e as Record<string, unknown>;
    if (typeof r?.claim !== 'string' || typeof r.text !== 'string' || !r.text.trim())
      bad('relabel', '{ "claim": id, "text": non-empty string }');
    out.relabel.push({ claim: r.claim as string, text: r.text as string });
  }
  for (const e of list('stance')) {
    const r = e as Record<string, unknown>;
    if (
      typeof r?.claim !== 'string' ||
      typeof r.seed !== 'string' ||
      (r.stance !== 'supports' && r.stance !== 'conflicts')
    )
      bad('stance', '{ "claim": id, "seed": file, "stance": "supports" | "conflicts" }');
    out.stance.push({ claim: r.claim as string, seed: r.seed as string, stance: r.stance as Stance });
  }
  const drop = list('drop');
  if (!isStringArray(drop)) bad('drop', 'a claim id');
  out.drop = drop as string[];
  return out;
}

/**
 * Applies overrides to the automatically built claims, in the order merge, split, relabel, stance, drop,
 * and recomputes verdicts. Throws SeedError for an override naming a missing claim or a seed the claim
 * has no source from.
 */
export function applyOverrides(
  claims: readonly Claim[],
  overrides: Overrides,
  raw: string,
  file = OVERRIDES_FILE,
): Claim[] {
  let out = claims.map((c) => ({ ...c, sources: c.sources.map((s) => ({ ...s })) }));
  const find = (id: string): Claim => {
    const c = out.find((x) => x.id === id);
    if (!c) throw new SeedError(file, lineOfValue(raw, id), `no claim with id '${id}' in the built index`);
    return c;
  };
  const bySeed = (a: ClaimSource, b: ClaimSource) => (a.seed < b.seed ? -1 : a.seed > b.seed ? 1 : 0);

  for (const { into, from } of overrides.merge) {
    const target = find(into);
    for (const id of from) {
      const victim = find(id);
      for (const s of victim.sources) {
        if (!target.sources.some((t) => t.seed === s.seed)) target.sources.push(s);
      }
      out = out.filter((c) => c !== victim);
    }
    target.sources.sort(bySeed);
  }
  for (const { claim, seeds } of overrides.split) {
    const source = find(claim);
    const moved = source.sources.filter((s) => seeds.includes(s.seed));
    for (const seed of seeds) {
      if (!moved.some((s) => s.seed === seed))
        throw new SeedError(file, lineOfValue(raw, seed), `claim '${claim}' has no source from '${seed}'`);
    }
    source.sources = source.sources.filter((s) => !seeds.includes(s.seed));
    if (source.sources.length === 0)
      throw new SeedError(
        file,
        lineOfValue(raw, claim),
        `split would leave claim '${claim}' without sources`,
      );
    const first = moved[0] as ClaimSource;
    out.splice(out.indexOf(source) + 1, 0, {
      id: claimIdFor(first.quote),
      text: first.quote,
      verdict: null,
      sources: moved.map((s) => ({ ...s, stance: 'supports' as const })),
      origin: 'seeds',
    });
  }
  for (const { claim, text } of overrides.relabel) find(claim).text = text;
  for (const { claim, seed, stance } of overrides.stance) {
    const source = find(claim).sources.find((s) => s.seed === seed);
    if (!source)
      throw new SeedError(file, lineOfValue(raw, seed), `claim '${claim}' has no source from '${seed}'`);
    source.stance = stance;
    source.stanceReasons = [`curated in ${file}`];
  }
  for (const id of overrides.drop) out = out.filter((c) => c !== find(id));
  for (const c of out) {
    c.verdict = deriveVerdict(c.sources);
    if (c.verdict !== 'single-source') delete c.caveat;
  }
  return out;
}
