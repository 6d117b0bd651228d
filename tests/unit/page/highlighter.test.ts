import { describe, expect, it } from 'vitest';
import { createHighlighter, HIGHLIGHT_PREFIX, MARK_TAG } from '../../../lib/page/highlighter';
import { rangeForText } from '../../../lib/page/text-map';
import { blockSentences, makeDocument } from './dom';

/** A structural serialisation: tags, attributes and every text node (so split nodes show). */
function shape(node: Node): string {
  if (node.nodeType === 3) return `"${(node as Text).data}"`;
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  const attrs = [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
  return `<${el.tagName.toLowerCase()}${attrs ? ` ${attrs}` : ''}>${[...el.childNodes].map(shape).join('')}</>`;
}

const PAGE = `<article id="a"><p id="p1">The first sentence is plain. The <b>second one</b> has <a href="#">markup</a> inside it.</p>
<p id="p2">A third, in its own paragraph, spans the <i>whole</i> thing.</p></article>`;

function sentenceRanges(doc: Document) {
  return [...doc.querySelectorAll('p')].flatMap((p) =>
    blockSentences(p).map((s) => rangeForText(s.map, s.start, s.end) as Range),
  );
}

describe('the wrapping fallback', () => {
  it('wraps highlighted text and unwraps it to exactly the DOM it found (split text nodes merged back)', () => {
    const { doc, win } = makeDocument(PAGE);
    const root = doc.getElementById('a') as Element;
    const before = shape(root);
    const hl = createHighlighter(doc, win, { forceWrap: true });
    expect(hl.mode).toBe('wrap');
    const ranges = sentenceRanges(doc);
    hl.set([
      { id: 'one', kind: 'disputed', range: ranges[1] as Range },
      { id: 'two', kind: 'corroborated', range: ranges[2] as Range },
    ]);
    const marks = [...doc.querySelectorAll(MARK_TAG)];
    expect(marks.length).toBeGreaterThanOrEqual(4);
    expect(marks.map((m) => m.textContent).join('')).toBe(
      'The second one has markup inside it.A third, in its own paragraph, spans the whole thing.',
    );
    expect(marks.every((m) => hl.isOwnNode(m))).toBe(true);
    hl.setActive('one');
    expect(marks.filter((m) => m.getAttribute('data-claimlight-kind') === 'active').length).toBeGreaterThan(
      0,
    );
    hl.clear();
    expect(shape(root)).toBe(before);
    expect(doc.querySelectorAll(MARK_TAG)).toHaveLength(0);
  });

  it('re-wraps when the set changes, keeping the callers’ ranges on the same text', () => {
    const { doc, win } = makeDocument(PAGE);
    const root = doc.getElementById('a') as Element;
    const before = shape(root);
    const hl = createHighlighter(doc, win, { forceWrap: true });
    const first = { id: 'x', kind: 'single-source' as const, range: sentenceRanges(doc)[0] as Range };
    hl.set([first]);
    // A later match: its range is taken on the DOM as it is now, with our marks in it.
    const second = { id: 'y', kind: 'unrated' as const, range: sentenceRanges(doc)[1] as Range };
    hl.set([first, second]);
    expect(first.range.toString()).toBe('The first sentence is plain.');
    expect(second.range.toString()).toBe('The second one has markup inside it.');
    hl.destroy();
    expect(shape(root)).toBe(before);
  });
});

describe('the Custom Highlight API path', () => {
  it('registers one highlight per kind, leaves the DOM alone and removes everything on clear', () => {
    const { doc, win } = makeDocument(PAGE);
    const registry = new Map<string, { ranges: Range[]; priority: number }>();
    class FakeHighlight {
      ranges: Range[];
      priority = 0;
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
      add(r: Range) {
        this.ranges.push(r);
      }
    }
    const fakeWin = {
      CSS: { highlights: registry },
      Highlight: FakeHighlight,
      CSSStyleSheet: (win as unknown as { CSSStyleSheet: unknown }).CSSStyleSheet,
    } as unknown as Window;
    const root = doc.getElementById('a') as Element;
    const before = shape(root);
    const hl = createHighlighter(doc, fakeWin);
    expect(hl.mode).toBe('custom-highlight');
    const ranges = sentenceRanges(doc);
    hl.set([
      { id: 'a', kind: 'disputed', range: ranges[0] as Range },
      { id: 'b', kind: 'disputed', range: ranges[1] as Range },
      { id: 'c', kind: 'corroborated', range: ranges[2] as Range },
    ]);
    expect(registry.get(`${HIGHLIGHT_PREFIX}disputed`)?.ranges).toHaveLength(2);
    expect(registry.get(`${HIGHLIGHT_PREFIX}corroborated`)?.ranges).toHaveLength(1);
    hl.setActive('b');
    expect(registry.get(`${HIGHLIGHT_PREFIX}disputed`)?.ranges).toHaveLength(1);
    expect(registry.get(`${HIGHLIGHT_PREFIX}active`)?.priority).toBe(1);
    expect(shape(root)).toBe(before);
    // Styles go to an adopted constructed sheet: no <style> element in the page.
    expect(doc.querySelectorAll('style')).toHaveLength(0);
    hl.destroy();
    expect([...registry.keys()].filter((k) => k.startsWith(HIGHLIGHT_PREFIX))).toEqual([]);
  });
});

describe('page styles', () => {
  it('come with the first highlight, as one <style data-claimlight> where a sheet cannot be adopted', () => {
    const { doc } = makeDocument(PAGE);
    const refusing = {
      CSSStyleSheet: class {
        constructor() {
          throw new Error('not in this world');
        }
      },
    } as unknown as Window;
    const hl = createHighlighter(doc, refusing, { forceWrap: true, style: 'underline' });
    // Nothing until there is something to paint (most pages have no claim).
    expect(doc.querySelectorAll('style')).toHaveLength(0);
    hl.set([{ id: 'a', kind: 'disputed', range: sentenceRanges(doc)[0] as Range }]);
    const styles = doc.querySelectorAll('style[data-claimlight]');
    expect(styles).toHaveLength(1);
    expect(styles[0]?.textContent).toContain(MARK_TAG);
    hl.setStyle('colour');
    expect(styles[0]?.textContent).toContain('background-color');
    hl.destroy();
    expect(doc.querySelectorAll('style')).toHaveLength(0);
  });
});
