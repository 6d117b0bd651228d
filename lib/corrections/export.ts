import type { Stance } from '../claims/types';
import { type Correction, sentenceKey } from './schema';

/**
 * Corrections as labelled test cases, in the shape of the project's evaluation sets
 * (tests/fixtures/eval/*.json, read by tests/bench/eval.ts), so a maintainer can paste items into one:
 *
 * - a wrong match is a hard negative for its claim: `expect: null` (the sentence states no claim of the
 *   index; `claim` names the near miss, as the style set's negatives do);
 * - a wrong stance still states the claim, with the other stance: `expect` is the claim's text (a verbatim
 *   phrase of it, so `acceptedIds` finds the claim) and `stance` the corrected one.
 *
 * Pages are left out: the file is meant to be shared in an issue, and the sentence is the test case.
 */

/** One item of an evaluation set (tests/bench/eval.ts `EvalItem`). */
export interface EvalSetItem {
  sentence: string;
  expect: string[] | null;
  stance?: Stance;
  claim: string;
  /** Where the item comes from: `reader-wrong-match` or `reader-wrong-stance`. */
  style: string;
}

/** An evaluation set file. */
export interface EvalSetFile {
  description: string;
  items: EvalSetItem[];
}

/** The file name the options page saves. */
export const CORRECTIONS_FILE_NAME = 'claimlight-corrections.eval.json';

const other = (s: Stance): Stance => (s === 'supports' ? 'conflicts' : 'supports');

/** One test case per sentence and claim (the latest correction wins), oldest first. */
export function correctionsAsEvalSet(corrections: readonly Correction[], exportedAt: Date): EvalSetFile {
  const byKey = new Map<string, EvalSetItem>();
  for (const c of corrections) {
    const key = `${c.claimId}\n${sentenceKey(c.sentence)}`;
    byKey.delete(key);
    byKey.set(
      key,
      c.kind === 'wrong-match'
        ? { sentence: c.sentence, expect: null, claim: c.claimId, style: 'reader-wrong-match' }
        : {
            sentence: c.sentence,
            expect: [c.claimText],
            stance: other(c.stance),
            claim: c.claimId,
            style: 'reader-wrong-stance',
          },
    );
  }
  return {
    description: `Reader corrections exported by Claimlight on ${exportedAt.toISOString().slice(0, 10)}: wrong matches as negatives (expect null, claim = the claim wrongly matched), wrong stances with the corrected stance. Review each before adding it to tests/fixtures/eval/.`,
    items: [...byKey.values()],
  };
}
