import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseClaimReviewPack } from '../../lib/claims/claimreview';
import type { Claim } from '../../lib/claims/types';

/** Location of the CLEF 2020 CheckThat! Task 2 data (beside the repo, in shared/). */
export const CLEF_DIR = path.resolve(import.meta.dirname, '../../../shared/corpora/clef2020');

/** Whether the CLEF data is present. */
export function hasClef(): boolean {
  return existsSync(path.join(CLEF_DIR, 'verified-claims.claimreview.json'));
}

/** The 10,389 verified claims, imported through the same pack parser as the extension. */
export function loadClefClaims(): Claim[] {
  return parseClaimReviewPack(
    JSON.parse(readFileSync(path.join(CLEF_DIR, 'verified-claims.claimreview.json'), 'utf8')),
    'clef2020',
  ).claims;
}

/** One tweet with the ids of the claims it matches. */
export interface ClefQuery {
  id: string;
  text: string;
  relevant: Set<string>;
}

/** Reads a split's tweets and qrels. */
export function loadClefSplit(split: 'train' | 'dev'): ClefQuery[] {
  const dir = path.join(CLEF_DIR, split);
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(dir, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
    const [tid, , cid, rel] = line.trim().split(/\s+/);
    if (!tid || !cid || rel !== '1') continue;
    const set = qrels.get(tid) ?? new Set<string>();
    set.add(cid);
    qrels.set(tid, set);
  }
  const out: ClefQuery[] = [];
  const lines = readFileSync(path.join(dir, 'tweets.queries.tsv'), 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const id = line.slice(0, tab).trim();
    let text = line.slice(tab + 1).trim();
    // The TSV quotes fields that contain quotes, doubling the inner ones.
    if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/""/g, '"');
    const relevant = qrels.get(id);
    if (relevant) out.push({ id, text, relevant });
  }
  return out;
}

/** Average precision at k of a ranking (official CLEF measure with k = 5). */
export function averagePrecisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k = 5): number {
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] as string)) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return relevant.size ? sum / Math.min(relevant.size, k) : 0;
}
