import { describe, expect, it } from 'vitest';
import { isInteractive, isOverRange } from '../../../lib/page/hit-test';
import { makeDocument } from './dom';

describe('isInteractive', () => {
  it('leaves clicks on links, buttons, form fields and editors to the page', () => {
    const { doc } = makeDocument(
      '<p><a id="a" href="#"><span id="in-link">x</span></a> <button id="b">b</button> <span id="plain">text</span></p><div contenteditable><i id="ed">e</i></div>',
    );
    const byId = (id: string) => doc.getElementById(id) as Element;
    expect(isInteractive(byId('in-link'))).toBe(true);
    expect(isInteractive(byId('b'))).toBe(true);
    expect(isInteractive(byId('ed'))).toBe(true);
    expect(isInteractive(byId('plain'))).toBe(false);
    expect(isInteractive(byId('plain').firstChild)).toBe(false);
  });
});

describe('isOverRange', () => {
  it('is true only inside one of the range’s line boxes', () => {
    const rects = [
      { left: 10, top: 10, right: 200, bottom: 30, width: 190, height: 20 },
      { left: 10, top: 30, right: 80, bottom: 50, width: 70, height: 20 },
    ];
    const range = { getClientRects: () => rects } as unknown as Range;
    expect(isOverRange(range, 50, 20)).toBe(true);
    expect(isOverRange(range, 70, 45)).toBe(true);
    // Beyond the end of the last line: the caret APIs would still snap into the sentence.
    expect(isOverRange(range, 150, 45)).toBe(false);
  });
});
