import { Window as HappyWindow } from 'happy-dom';
import { buildTextMap, type TextMap } from '../../../lib/page/article';
import { splitSentences } from '../../../lib/text/sentences';

/** A fresh document (its own happy-dom Window) holding `html`; tests pass it explicitly. */
export function makeDocument(html: string): { doc: Document; win: Window & { close(): void } } {
  const win = new HappyWindow({ url: 'https://news.example/story' });
  win.document.write(html);
  return { doc: win.document as unknown as Document, win: win as unknown as Window & { close(): void } };
}

/** A sentence of a block with the block's text map: what the background's offsets refer to. */
export interface BlockSentence {
  block: Element;
  text: string;
  start: number;
  end: number;
  map: TextMap;
}

/**
 * Splits a block's text as the background does (lib/match/blocks.ts) and keeps the page's text map, so
 * tests can turn the offsets into ranges the way the scanner does.
 */
export function blockSentences(block: Element, locale?: string): BlockSentence[] {
  const map = buildTextMap(block);
  if (!map.text) return [];
  return splitSentences(map.text, locale).map((s) => ({
    block,
    text: s.text,
    start: s.start,
    end: s.end,
    map,
  }));
}
