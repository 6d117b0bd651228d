import type { Claim } from '../../../lib/claims/types';
import { type LoadedIndex, loadIndex } from '../../../lib/match/loaded-index';
import { prepareMatcher } from '../../../lib/match/prepare';

/** A claim with one source quoting `quote` (its text by default). */
export const claim = (id: string, text: string, quote = text): Claim => ({
  id,
  text,
  verdict: 'single-source',
  sources: [{ seed: 'test.txt', outlet: 'Kyiv Post', date: null, quote, stance: 'supports' }],
});

/** A few claims on one topic, one of them with a two-sentence source quote (an extra match document). */
export const CLAIMS: readonly Claim[] = [
  claim(
    'train',
    'Russia plans to train 10,000 North Korean soldiers from various military branches, Zelensky said.',
  ),
  claim(
    'kursk',
    '3,000 North Korean soldiers have arrived in the Kursk region to join the Russian army.',
    'Officials said on Monday that 3,000 North Korean soldiers have arrived in the Kursk region to join the Russian army. They came by train from Vladivostok over several days.',
  ),
  claim('pact', "The two countries signed a mutual defense pact during Putin's visit to Pyongyang."),
  claim(
    'shells',
    'North Korea has provided Russia with millions of artillery shells and missiles since the invasion began.',
  ),
];

/** The loaded index of `claims` (CLAIMS by default). */
export const indexOf = (claims: readonly Claim[] = CLAIMS): LoadedIndex =>
  loadIndex(claims, prepareMatcher(claims));

/** The match documents of a claim, by id. */
export const docsOfClaim = (index: LoadedIndex, id: string): number[] =>
  [...index.docClaim.keys()].filter((d) => index.claims[index.docClaim[d] as number]?.id === id);
