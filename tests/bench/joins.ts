// The new-article join set (tests/fixtures/eval/joins/): unseen articles in other outlets' styles, each
// sentence labelled with the existing claim a reader would expect it to join (or none). An article is
// judged the way a newsroom adds it: dropped into seeds/ beside the five seed articles, index rebuilt.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClaimIndex, Stance } from '../../lib/claims/types';
import { buildClaimIndex, type SeedArticle } from '../../lib/index/build';
import { EVAL_DIR } from './eval';

export const JOINS_DIR = path.join(EVAL_DIR, 'joins');

export interface JoinLabel {
  sentence: string;
  claim: string | null;
  stance?: Stance;
  alsoAccept?: string[];
}

export interface JoinArticle {
  file: string;
  kind: string;
  split: 'dev' | 'test';
  sentences: JoinLabel[];
  text: string;
}

/** The labelled articles (empty when the set is absent). */
export function loadJoinSet(): JoinArticle[] {
  const labels = path.join(JOINS_DIR, 'labels.json');
  if (!existsSync(labels)) return [];
  const data = JSON.parse(readFileSync(labels, 'utf8')) as { articles: Omit<JoinArticle, 'text'>[] };
  return data.articles.map((a) => ({
    ...a,
    text: readFileSync(path.join(JOINS_DIR, 'articles', a.file), 'utf8'),
  }));
}

/**
 * Joins are judged per article and claim, as a reader sees them in the index: the article should appear
 * among the sources of each claim its sentences are labelled with, with the labelled stance (an article
 * gets one quote per claim and stance, so which of its sentences is quoted does not matter), and among
 * no other existing claim's.
 */
export interface JoinResult {
  /** (article, claim, stance) joins the labels expect, and those the index made. */
  expected: number;
  found: number;
  conflicts: number;
  conflictsFound: number;
  /** The article joined an existing claim none of its sentences is labelled with. */
  wrong: number;
  /** Per article: the joins expected, found, missed and wrong, for reading. */
  details: { file: string; missed: string[]; wrong: string[] }[];
}

/** Adds each article alone to `base` articles and scores its joins against the labels. */
export function evaluateJoins(
  base: readonly SeedArticle[],
  articles: readonly JoinArticle[],
  build: (articles: readonly SeedArticle[]) => ClaimIndex = buildClaimIndex,
): JoinResult {
  const baseClaims = build(base).claims;
  const before = new Map(baseClaims.map((c) => [c.id, c]));
  const r: JoinResult = { expected: 0, found: 0, conflicts: 0, conflictsFound: 0, wrong: 0, details: [] };
  for (const a of articles) {
    const index = build([...base, { file: a.file, text: a.text }]);
    const made = new Map<string, Set<Stance>>();
    for (const c of index.claims) {
      if (!before.has(c.id)) continue;
      for (const src of c.sources) {
        if (src.seed !== a.file) continue;
        const set = made.get(c.id) ?? new Set<Stance>();
        set.add(src.stance);
        made.set(c.id, set);
      }
    }
    // The joins the labels expect: a claim with the stance of its sentences (a claim both backed and
    // contradicted by the article expects both).
    const want = new Map<string, { stances: Set<Stance>; accept: Set<string> }>();
    for (const l of a.sentences) {
      if (!l.claim) continue;
      const w = want.get(l.claim) ?? { stances: new Set<Stance>(), accept: new Set([l.claim]) };
      w.stances.add(l.stance ?? 'supports');
      for (const x of l.alsoAccept ?? []) w.accept.add(x);
      want.set(l.claim, w);
    }
    const missed: string[] = [];
    const accepted = new Set<string>();
    for (const [claim, w] of want) {
      for (const x of w.accept) accepted.add(x);
      for (const stance of w.stances) {
        r.expected++;
        if (stance === 'conflicts') r.conflicts++;
        const ok = [...w.accept].some((id) => made.get(id)?.has(stance));
        if (ok) {
          r.found++;
          if (stance === 'conflicts') r.conflictsFound++;
        } else missed.push(`${stance} ${claim}: ${before.get(claim)?.text.slice(0, 80) ?? '?'}`);
      }
    }
    const wrong = [...made.keys()].filter((id) => !accepted.has(id));
    r.wrong += wrong.length;
    r.details.push({
      file: a.file,
      missed,
      wrong: wrong.map((id) => `${id}: ${before.get(id)?.text.slice(0, 80) ?? '?'}`),
    });
  }
  return r;
}

/** The join set's articles in one split. */
export function joinSplit(split: 'dev' | 'test'): JoinArticle[] {
  return loadJoinSet().filter((a) => a.split === split);
}

export function hasJoinSet(): boolean {
  return existsSync(JOINS_DIR) && readdirSync(JOINS_DIR).includes('labels.json');
}
