import { describe, expect, it } from 'vitest';
import { MAX_CHECK_CHARS } from '../../../lib/messaging/protocol';
import { readSelection } from '../../../lib/page/selection';
import { makeDocument } from './dom';

// What "Check with Claimlight" reads of a page: the selection and nothing else, bounded.
describe('readSelection', () => {
  const page = (html: string) => {
    const { doc, win } = makeDocument(`<body>${html}<div id="own"><p>Our own UI text.</p></div></body>`);
    const select = (el: Element) => {
      const r = doc.createRange();
      r.selectNodeContents(el);
      win.getSelection()?.removeAllRanges();
      win.getSelection()?.addRange(r);
    };
    const own = doc.getElementById('own') as Element;
    return { doc, win, select, isOwn: (n: Node) => own.contains(n) };
  };

  it('reads the selected text, whitespace folded, with a copy of its range', () => {
    const { doc, win, select, isOwn } = page('<p id="p">The   river dam\n  burst. <b>Really.</b></p>');
    select(doc.getElementById('p') as Element);
    const picked = readSelection(win, isOwn);
    expect(picked?.text).toBe('The river dam burst. Really.');
    // A copy: the reader selecting something else does not move the popover's anchor.
    win.getSelection()?.removeAllRanges();
    expect(picked?.range.toString()).toContain('river dam');
  });

  it('cuts a long selection at MAX_CHECK_CHARS', () => {
    const { doc, win, select, isOwn } = page(`<p id="p">${'word '.repeat(3000)}</p>`);
    select(doc.getElementById('p') as Element);
    expect(readSelection(win, isOwn)?.text.length).toBe(MAX_CHECK_CHARS);
  });

  it('reads nothing without a selection, from a collapsed or blank one, or from our own UI', () => {
    const { doc, win, select, isOwn } = page('<p id="p">Text.</p><p id="blank">   </p>');
    expect(readSelection(win, isOwn)).toBeNull();
    win.getSelection()?.collapse((doc.getElementById('p') as Element).firstChild as Text, 2);
    expect(readSelection(win, isOwn)).toBeNull();
    select(doc.getElementById('blank') as Element);
    expect(readSelection(win, isOwn)).toBeNull();
    select(doc.querySelector('#own p') as Element);
    expect(readSelection(win, isOwn)).toBeNull();
  });
});
