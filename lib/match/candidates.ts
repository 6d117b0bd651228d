import type { LoadedIndex } from './loaded-index';
import type { Resolved } from './resolve';
import { DF_CAP_MIN, DF_CAP_SHARE, MAX_ACCUMULATORS, MAX_CONTINUE_POSTINGS } from './tuning';

// Candidates (per sentence): the postings of a resolved sentence's terms pick the handful of match
// documents the similarity stage compares it with (K_CANDIDATES), so a page sentence never meets most of
// the index.

/** The match documents sharing the most weighted terms with r, best first (at most k). */
export type CandidateStage = (r: Resolved, k: number) => number[];

/** The candidate stage over a loaded index. */
export function createCandidateStage(index: LoadedIndex): CandidateStage {
  const { df, weight, post, docMass, nDocs } = index;
  const dfCap = Math.max(DF_CAP_MIN, DF_CAP_SHARE * nDocs);
  // Reused accumulators: matching allocates nothing proportional to the number of claims per sentence.
  const acc = new Float64Array(nDocs);
  const touched = new Int32Array(nDocs);

  return (r, k) => {
    let nTouched = 0;
    // Rarest terms first; once MAX_ACCUMULATORS documents have been reached, commoner terms only add to
    // those ("continue" pruning, Moffat & Zobel 1996), and the commonest of them (postings longer than four
    // times that) are left to the similarity stage: a document that shares none of the sentence's rarer
    // words cannot be its best candidate. Measured: at 100,000 claims a 200-sentence article went from 145
    // to 81 ms; on the 10,389-claim CLEF pack the matches of all 997 train and dev tweets are identical.
    const terms = [...r.ids]
      .filter(([t]) => (df[t] as number) <= dfCap)
      .sort((a, b) => (df[a[0]] as number) - (df[b[0]] as number));
    for (const [t, m] of terms) {
      const w = (weight[t] as number) * m;
      const from = post.start[t] as number;
      const to = post.start[t + 1] as number;
      if (nTouched < MAX_ACCUMULATORS) {
        for (let j = from; j < to; j++) {
          const c = post.data[j] as number;
          if ((acc[c] as number) === 0) touched[nTouched++] = c;
          acc[c] = (acc[c] as number) + w;
        }
      } else if (to - from <= MAX_CONTINUE_POSTINGS) {
        for (let j = from; j < to; j++) {
          const c = post.data[j] as number;
          if ((acc[c] as number) !== 0) acc[c] = (acc[c] as number) + w;
        }
      }
    }
    // Keep the k best by shared weight over the square root of the document mass (long documents share
    // more words by chance; full coverage would favour tiny ones). A small sorted array: k is tiny.
    const best: number[] = [];
    const bestScore: number[] = [];
    for (let i = 0; i < nTouched; i++) {
      const c = touched[i] as number;
      index.ensureDoc(c);
      const v = (acc[c] as number) / Math.sqrt((docMass[c] as number) + 1);
      acc[c] = 0;
      if (best.length === k && v <= (bestScore[k - 1] as number)) continue;
      let pos = best.length;
      while (pos > 0 && (bestScore[pos - 1] as number) < v) pos--;
      best.splice(pos, 0, c);
      bestScore.splice(pos, 0, v);
      if (best.length > k) {
        best.pop();
        bestScore.pop();
      }
    }
    return best;
  };
}
