import { describe, expect, it } from 'vitest';
import { buildTextMap } from '../../../lib/page/article';
import { rangeForText } from '../../../lib/page/text-map';
import { blockSentences, makeDocument } from './dom';

describe('blockSentences and rangeForText', () => {
  it('maps every sentence back to a DOM range with exactly its text, across inline markup', () => {
    const { doc } = makeDocument(
      '<p id="p">  Mr. Smith went to <a href="#">Washington</a> on Oct. 3.\n   He said <em>“3,000 soldiers</em> arrived.” Then he left.</p>',
    );
    const p = doc.getElementById('p') as Element;
    const sentences = blockSentences(p, 'en');
    expect(sentences.map((s) => s.text)).toEqual([
      'Mr. Smith went to Washington on Oct. 3.',
      'He said “3,000 soldiers arrived.”',
      'Then he left.',
    ]);
    for (const s of sentences) {
      const range = rangeForText(s.map, s.start, s.end);
      expect(range?.toString().replace(/\s+/g, ' ')).toBe(s.text);
    }
  });

  it('never lets a range start or end on a virtual line break', () => {
    const { doc } = makeDocument(
      '<div id="d">First part.<br><br>Second part here.<p>Nested.</p>Tail text.</div>',
    );
    const d = doc.getElementById('d') as Element;
    const sentences = blockSentences(d);
    expect(sentences.map((s) => s.text)).toEqual(['First part.', 'Second part here.', 'Tail text.']);
    const second = sentences[1];
    const range = second && rangeForText(second.map, second.start, second.end);
    expect(range?.toString()).toBe('Second part here.');
    expect(range?.startContainer.nodeType).toBe(3);
  });

  it('returns null once the mapped text nodes left the document', () => {
    const { doc } = makeDocument('<p id="p">A sentence that will be removed.</p>');
    const p = doc.getElementById('p') as Element;
    const map = buildTextMap(p);
    p.remove();
    expect(rangeForText(map, 0, map.text.length)).toBeNull();
  });
});
