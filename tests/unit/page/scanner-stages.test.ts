import { describe, expect, it, vi } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import type { BlockMatch } from '../../../lib/match/blocks';
import { buildTextMap } from '../../../lib/page/article';
import {
  isMatchable,
  type KnownBlocks,
  type PendingBlock,
  readBlockTexts,
} from '../../../lib/page/block-texts';
import { recordAt, recordsForMatches, sortInPageOrder } from '../../../lib/page/highlight-records';
import { BATCH_SIZE, MAX_BLOCKS_PER_PAGE, planBatches, sendBatches } from '../../../lib/page/match-batches';
import { insideKnownBlock, isRelevantMutation } from '../../../lib/page/mutation-filter';
import { type BlockSentence, blockSentences, makeDocument } from './dom';

// Each stage of the scanner (lib/page/scanner.ts orders them) on its own, without idle slices or an observer.

const claim = (id: string): Claim => ({ id, text: `Claim ${id}`, verdict: 'corroborated', sources: [] });

/** The background's match of a block's sentence (what `matchBlocks` answers), for claim `id`. */
const matchOf = (block: number, s: { text: string; start: number; end: number }, id: string): BlockMatch => ({
  block,
  start: s.start,
  end: s.end,
  sentenceIndex: 0,
  sentence: s.text,
  claim: claim(id),
  stance: 'supports',
  score: 0.9,
  why: [],
});

const ARTICLE = `<article>
<p id="a">The first paragraph says one thing. Then it says another thing, at length.</p>
<p id="b">The second paragraph <b>has markup</b> in the middle of its only sentence.</p>
<p id="c">Too short.</p>
</article>`;

/** The i-th sentence of a block, split as the background splits it. */
const sentence = (block: Element | undefined, i: number) =>
  blockSentences(block as Element)[i] as BlockSentence;

function blocksOf(doc: Document) {
  return ['a', 'b', 'c'].map((id) => doc.getElementById(id) as Element);
}

describe('readBlockTexts (the text walk)', () => {
  it('reads every block once, then only blocks whose text changed', () => {
    const { doc } = makeDocument(ARTICLE);
    const found = blocksOf(doc);
    const known: KnownBlocks = new Map();
    const first = readBlockTexts(found, 0, known, () => false);
    expect(first.next).toBeNull();
    expect(first.fresh.map((f) => [f.block.id, f.changed])).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
    ]);
    expect(known.get(found[1] as Element)?.text).toBe(
      'The second paragraph has markup in the middle of its only sentence.',
    );
    // Short blocks are read (their text is known) but not worth matching.
    expect(first.fresh.map((f) => isMatchable(f.map))).toEqual([true, true, false]);

    expect(readBlockTexts(found, 0, known, () => false).fresh).toEqual([]);

    (found[1] as Element).textContent = 'The second paragraph now says something else, at length.';
    const again = readBlockTexts(found, 0, known, () => false);
    expect(again.fresh.map((f) => [f.block.id, f.changed, f.map.text])).toEqual([
      ['b', true, 'The second paragraph now says something else, at length.'],
    ]);
  });

  it('stops when out of time, always after at least one block, and says where to go on', () => {
    const { doc } = makeDocument(ARTICLE);
    const found = blocksOf(doc);
    const known: KnownBlocks = new Map();
    const outOfTime = vi.fn(() => true);
    const steps: (number | null)[] = [];
    let from: number | null = 0;
    while (from !== null) {
      const { fresh, next } = readBlockTexts(found, from, known, outOfTime);
      expect(fresh).toHaveLength(1);
      steps.push(next);
      from = next;
    }
    expect(steps).toEqual([1, 2, null]);
    expect(known.size).toBe(3);
  });

  it('skips blocks that left the page', () => {
    const { doc } = makeDocument(ARTICLE);
    const found = blocksOf(doc);
    (found[0] as Element).remove();
    const known: KnownBlocks = new Map();
    expect(readBlockTexts(found, 0, known, () => false).fresh.map((f) => f.block.id)).toEqual(['b', 'c']);
    expect(known.has(found[0] as Element)).toBe(false);
  });
});

describe('planBatches (the match requests)', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('splits the pending blocks into requests of BATCH_SIZE, in order', () => {
    const batches = planBatches(items(2 * BATCH_SIZE + 20), 0);
    expect(batches.map((b) => b.length)).toEqual([BATCH_SIZE, BATCH_SIZE, 20]);
    expect(batches.flat()).toEqual(items(2 * BATCH_SIZE + 20));
  });

  it('sends no more than MAX_BLOCKS_PER_PAGE blocks for a page in all', () => {
    expect(planBatches(items(30), MAX_BLOCKS_PER_PAGE - 10)).toEqual([items(10)]);
    expect(planBatches(items(30), MAX_BLOCKS_PER_PAGE)).toEqual([]);
    expect(planBatches([], 0)).toEqual([]);
  });
});

describe('sendBatches', () => {
  it('hands each batch its own reply, reports failures, and resolves when all are answered', async () => {
    const replies: [string[], BlockMatch[] | null][] = [];
    const errors: unknown[] = [];
    const sent: string[][] = [];
    const done = sendBatches(
      [['one', 'two'], ['bad'], ['three']],
      (s) => s.toUpperCase(),
      async (texts) => {
        sent.push(texts);
        if (texts[0] === 'BAD') throw new Error('background gone');
        return texts[0] === 'THREE' ? null : [];
      },
      (batch, matches) => replies.push([batch, matches]),
      (e) => errors.push(e),
    );
    await expect(done).resolves.toBeUndefined();
    expect(sent).toEqual([['ONE', 'TWO'], ['BAD'], ['THREE']]);
    expect(replies).toEqual([
      [['one', 'two'], []],
      [['three'], null],
    ]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['background gone']);
  });
});

describe('recordsForMatches (applying the results)', () => {
  function sentBlocks(doc: Document): PendingBlock[] {
    return blocksOf(doc)
      .slice(0, 2)
      .map((block) => ({ block, map: buildTextMap(block) }));
  }

  it('makes one record per match, a live range over its sentence', () => {
    const { doc } = makeDocument(ARTICLE);
    const sent = sentBlocks(doc);
    const [a, b] = [sent[0]?.block, sent[1]?.block];
    let id = 0;
    const matches = [
      matchOf(0, sentence(a, 1), 'c1'),
      matchOf(1, sentence(b, 0), 'c2'),
      matchOf(0, sentence(a, 0), 'c3'),
    ];
    const records = recordsForMatches(
      sent,
      matches,
      () => true,
      () => `r${++id}`,
    );
    expect(records.map((r) => [r.id, r.block.id, r.sentence, r.range.toString()])).toEqual([
      ['r1', 'a', 'Then it says another thing, at length.', 'Then it says another thing, at length.'],
      [
        'r2',
        'b',
        'The second paragraph has markup in the middle of its only sentence.',
        'The second paragraph has markup in the middle of its only sentence.',
      ],
      ['r3', 'a', 'The first paragraph says one thing.', 'The first paragraph says one thing.'],
    ]);
    expect(records.map((r) => r.matches)).toEqual([[matches[0]], [matches[1]], [matches[2]]]);
    // Page order, and hit-testing by DOM position.
    sortInPageOrder(records);
    expect(records.map((r) => r.id)).toEqual(['r3', 'r1', 'r2']);
    const bold = doc.querySelector('#b b')?.firstChild as Node;
    expect(recordAt(records, bold, 2)?.id).toBe('r2');
    expect(recordAt(records, doc.body, 0)).toBeUndefined();
  });

  it('makes none for offsets or blocks not of the request, or for a block whose text changed meanwhile', () => {
    const { doc } = makeDocument(ARTICLE);
    const sent = sentBlocks(doc);
    const good = matchOf(0, sentence(sent[0]?.block, 0), 'c1');
    const newId = vi.fn(() => 'r');
    const records = recordsForMatches(
      sent,
      [
        { ...good, block: 7 },
        { ...good, start: -1 },
        { ...good, end: 10_000 },
        { ...good, start: 5, end: 5 },
        { ...good, start: 0.5 },
        matchOf(1, sentence(sent[1]?.block, 0), 'c2'),
      ],
      (p) => p.block.id !== 'b',
      newId,
    );
    expect(records).toEqual([]);
    expect(newId).not.toHaveBeenCalled();
  });
});

describe('isRelevantMutation (which page changes rescan)', () => {
  /** A mutation record as the observer gives it (only the fields the filter reads). */
  const record = (r: { type?: MutationRecordType; target: Node; added?: Node[]; removed?: Node[] }) =>
    ({
      type: r.type ?? 'childList',
      target: r.target,
      addedNodes: r.added ?? [],
      removedNodes: r.removed ?? [],
    }) as unknown as MutationRecord;

  it('counts edits in known blocks, prose added and known blocks removed; not our own nodes', () => {
    const { doc } = makeDocument(
      `${ARTICLE}<div id="ad"><span>Ad</span></div><claimlight-overlay>Our own popover text, long enough to count as prose.</claimlight-overlay>`,
    );
    const [a, b] = blocksOf(doc) as [Element, Element];
    const known = new Map([
      [a, { text: '' }],
      [b, { text: '' }],
    ]);
    const ad = doc.getElementById('ad') as Element;
    const own = doc.querySelector('claimlight-overlay') as Element;
    const isOwn = (n: Node) => n === own || own.contains(n);
    const bold = b.querySelector('b') as Element;
    const prose = doc.createElement('p');
    prose.textContent = 'A late paragraph with more than enough words in it.';
    const word = doc.createElement('span');
    word.textContent = 'Like';

    const relevant = (r: Parameters<typeof record>[0]) => isRelevantMutation(record(r), known, isOwn);
    expect(relevant({ type: 'characterData', target: bold.firstChild as Node })).toBe(true);
    expect(relevant({ type: 'characterData', target: ad.firstChild?.firstChild as Node })).toBe(false);
    expect(relevant({ target: ad, added: [prose] })).toBe(true);
    expect(relevant({ target: ad, added: [word] })).toBe(false);
    expect(relevant({ target: ad, added: [doc.createTextNode('  ')] })).toBe(false);
    expect(relevant({ target: doc.body, removed: [doc.querySelector('article') as Node] })).toBe(true);
    expect(relevant({ target: doc.body, removed: [ad] })).toBe(false);
    expect(relevant({ target: bold, removed: [doc.createTextNode('x')] })).toBe(true);
    // Our own UI: neither as the target nor as what was added.
    expect(relevant({ target: own, added: [prose] })).toBe(false);
    expect(relevant({ target: doc.body, added: [own] })).toBe(false);
    expect(insideKnownBlock(bold.firstChild as Node, known)).toBe(true);
    expect(insideKnownBlock(ad, known)).toBe(false);
  });
});
