import { Window as HappyWindow } from 'happy-dom';

/** A fresh document (its own happy-dom Window) holding `html`; tests pass it explicitly. */
export function makeDocument(html: string): { doc: Document; win: Window & { close(): void } } {
  const win = new HappyWindow({ url: 'https://news.example/story' });
  win.document.write(html);
  return { doc: win.document as unknown as Document, win: win as unknown as Window & { close(): void } };
}
