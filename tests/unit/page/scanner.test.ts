import { describe, expect, it, vi } from 'vitest';
import type { Claim } from '../../../lib/claims/types';
import { type BlockMatch, matchBlocks } from '../../../lib/match/blocks';
import type { HighlightEntry, Highlighter } from '../../../lib/page/highlighter';
import { createScanner, type HighlightRecord } from '../../../lib/page/scanner';
import { makeDocument } from './dom';

const settle = (ms = 120) => new Promise((ok) => setTimeout(ok, ms));
/** Waits (up to 5 s, the machine may be busy) until the scanner has painted `n` highlights. */
const painted = (state: { entries: unknown[] }, n: number) =>
  vi.waitFor(() => expect(state.entries).toHaveLength(n), { timeout: 5000, interval: 20 });

const claim = (id: string, verdict: Claim['verdict'] = 'corroborated'): Claim => ({
  id,
  text: `Claim ${id}`,
  verdict,
  sources: [],
});

/**
 * The background's matching with a stand-in matcher: blocks are split as the background splits them
 * (lib/match/blocks.ts), and a sentence states claim N when it contains "CLAIM-N".
 */
async function match(blocks: string[]): Promise<BlockMatch[]> {
  return matchBlocks(blocks, (sentences) =>
    sentences.flatMap((sentence, sentenceIndex) =>
      [...sentence.matchAll(/CLAIM-(\d+)/g)].map((m) => ({
        sentenceIndex,
        sentence,
        claim: claim(`c${m[1]}`, m[1] === '2' ? 'disputed' : 'corroborated'),
        stance: 'supports' as const,
        score: 0.9,
        why: ['test'],
      })),
    ),
  );
}

/** A highlighter that remembers what it was asked to paint. */
function recordingHighlighter() {
  const state = { entries: [] as HighlightEntry[], sets: 0 };
  const hl: Highlighter = {
    mode: 'custom-highlight',
    set(e) {
      state.entries = [...e];
      state.sets++;
    },
    setActive() {},
    setStyle() {},
    clear() {
      state.entries = [];
    },
    destroy() {
      state.entries = [];
    },
    isOwnNode: () => false,
  };
  return { hl, state };
}

const para = (s: string) =>
  `<p>${s} The rest of this paragraph is ordinary prose, with commas, for scoring.</p>`;
const PAGE = `<body><nav><p>Menu CLAIM-9 item with enough words to be a sentence.</p></nav>
<article><div class="body">${para('First, the sentence that states CLAIM-1 here.')}${para('Nothing to see in this one at all.')}${para('Then CLAIM-2 is stated by this sentence.')}</div></article>
<aside class="related"><p>Related CLAIM-8 headline that has enough words in it.</p></aside></body>`;

function setup(html = PAGE) {
  const { doc, win } = makeDocument(html);
  const { hl, state } = recordingHighlighter();
  const changes: (readonly HighlightRecord[])[] = [];
  const scanner = createScanner({ doc, win, highlighter: hl, match, onChange: (r) => changes.push([...r]) });
  return { doc, win, scanner, state, changes };
}

describe('createScanner', () => {
  it('highlights the article sentences that state claims, in page order, and nothing in chrome', async () => {
    const { scanner, state, changes } = setup();
    scanner.start();
    await painted(state, 2);
    expect(state.entries.map((e) => e.range.toString())).toEqual([
      'First, the sentence that states CLAIM-1 here.',
      'Then CLAIM-2 is stated by this sentence.',
    ]);
    expect(state.entries.map((e) => e.kind)).toEqual(['corroborated', 'disputed']);
    expect(changes.at(-1)?.map((r) => r.matches[0]?.claim.id)).toEqual(['c1', 'c2']);
    const first = scanner.records()[0] as HighlightRecord;
    expect(scanner.recordAt(first.range.startContainer, first.range.startOffset + 3)).toBe(first);
    const stats = scanner.stats();
    expect(stats.timeToHighlightsMs).not.toBeNull();
    // The work was split into idle slices (their length is measured in real Chromium, in the E2E).
    expect(stats.idle.slices).toBeGreaterThan(1);
    scanner.stop();
  });

  it('dismisses a corrected match at once: its highlight goes and the change is reported', async () => {
    const { scanner, state, changes } = setup();
    scanner.start();
    await painted(state, 2);
    const reported = changes.length;
    expect(scanner.dismiss((_r, m) => m.claim.id === 'c-none')).toBe(0);
    expect(changes).toHaveLength(reported);
    expect(scanner.dismiss((r, m) => m.claim.id === 'c1' && r.sentence.includes('CLAIM-1'))).toBe(1);
    expect(state.entries.map((e) => e.range.toString())).toEqual([
      'Then CLAIM-2 is stated by this sentence.',
    ]);
    expect(changes.at(-1)?.map((r) => r.matches[0]?.claim.id)).toEqual(['c2']);
    scanner.stop();
  });

  it('highlights a paragraph added after the first scan', async () => {
    const { doc, scanner, state } = setup();
    scanner.start();
    await painted(state, 2);
    const p = doc.createElement('p');
    p.textContent = 'A late update says CLAIM-3 is now known. More prose follows here, with commas, too.';
    doc.querySelector('.body')?.append(p);
    await painted(state, 3);
    expect(state.entries.map((e) => e.range.toString())).toContain(
      'A late update says CLAIM-3 is now known.',
    );
    scanner.stop();
  });

  it('drops the highlight of a sentence whose text changed or was removed', async () => {
    const { doc, scanner, state } = setup();
    scanner.start();
    await settle();
    const ps = doc.querySelectorAll('.body p');
    (ps[0] as Element).textContent =
      'The first paragraph now says something else entirely, with no claim, at length.';
    (ps[2] as Element).remove();
    await settle(400);
    expect(state.entries).toEqual([]);
    expect(scanner.records()).toEqual([]);
    scanner.stop();
  });

  it('reset() drops everything and scans again (SPA navigation)', async () => {
    const { doc, scanner, state } = setup();
    scanner.start();
    await painted(state, 2);
    (doc.querySelector('.body') as Element).innerHTML = para('A new route whose sentence has CLAIM-5 in it.');
    scanner.reset();
    expect(state.entries).toEqual([]);
    await painted(state, 1);
    expect(state.entries.map((e) => e.range.toString())).toEqual([
      'A new route whose sentence has CLAIM-5 in it.',
    ]);
    scanner.stop();
  });

  it('stop() clears the highlights and ignores later changes', async () => {
    const { doc, scanner, state, changes } = setup();
    scanner.start();
    await painted(state, 2);
    scanner.stop();
    expect(state.entries).toEqual([]);
    expect(changes.at(-1)).toEqual([]);
    const p = doc.createElement('p');
    p.textContent = 'After stopping, CLAIM-4 appears in the article, but nobody is looking now.';
    doc.querySelector('.body')?.append(p);
    await settle(400);
    expect(state.entries).toEqual([]);
    expect(scanner.running).toBe(false);
  });

  it('ignores mutations inside its own UI', async () => {
    const { doc, win } = makeDocument(PAGE);
    const { hl } = recordingHighlighter();
    const host = doc.createElement('claimlight-overlay');
    doc.documentElement.append(host);
    const scanner = createScanner({
      doc,
      win,
      highlighter: hl,
      match,
      isOwnNode: (n) => n === host || host.contains(n),
    });
    scanner.start();
    await vi.waitFor(() => expect(scanner.stats().timeToFirstPassMs).not.toBeNull(), { timeout: 5000 });
    const passes = scanner.stats().passes;
    for (let i = 0; i < 5; i++) {
      const div = doc.createElement('div');
      div.textContent = `Our own popover text number ${i}, long enough to look like prose to anyone.`;
      host.append(div);
      await settle(30);
    }
    await settle(400);
    expect(scanner.stats().passes).toBe(passes);
    expect(scanner.stats().mutations).toBeGreaterThan(0);
    scanner.stop();
  });
});
