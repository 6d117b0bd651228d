import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  articleText,
  blockText,
  buildTextMap,
  createArticleFinder,
  findArticleBlocks,
  htmlForParsing,
  isInEditable,
  rawOffset,
} from '../../../lib/page/article';
import { makeDocument } from './dom';

const repoRoot = resolve(import.meta.dirname, '../../..');

describe('findArticleBlocks on our fixture article', () => {
  const html = readFileSync(resolve(repoRoot, 'tests/fixtures/pages/overlay/article.html'), 'utf8');

  it('keeps the story paragraphs in order and drops nav, share bar, comments, forms, sidebar and footer', () => {
    const { doc } = makeDocument(html);
    const blocks = findArticleBlocks(doc);
    // The headline and the body's paragraphs (the byline and share bar are not prose).
    const expected = [doc.querySelector('article h1'), ...doc.querySelectorAll('.article-body p')];
    expect(blocks).toEqual(expected);
    expect(blocks.some((b) => b.closest('[data-trap]'))).toBe(false);
  });

  it('gives the CLI the same text, one string per block', () => {
    const { doc } = makeDocument(html);
    const text = articleText(doc);
    expect(text).toHaveLength(9);
    expect(text[2]).toMatch(/^Ukrainian President Volodymyr Zelensky said in his nightly address/);
    // Inline markup (links, emphasis) is part of the sentence.
    expect(text[5]).toContain('the first units have already crossed into Russia.');
    expect(text.join(' ')).not.toContain('Share on X');
  });
});

describe('findArticleBlocks on chrome-heavy layouts', () => {
  const story = (n: number) =>
    Array.from(
      { length: n },
      (_, i) =>
        `<p>Paragraph ${i} of the story, with enough words, commas, and detail to read as prose written for people.</p>`,
    ).join('');

  it('never returns text inside inputs, textareas, contenteditable regions or editors', () => {
    const { doc } = makeDocument(`<body><article>${story(5)}
      <div contenteditable="true"><p>An editable paragraph that is long enough to be prose, surely, yes.</p></div>
      <div class="ProseMirror"><p>An editor paragraph that is long enough to be prose, surely, yes indeed.</p></div>
      <div role="textbox"><p>A textbox paragraph that is long enough to be prose, surely, yes indeed.</p></div>
      <textarea>A textarea with a long enough sentence, commas, and all the rest of it.</textarea>
    </article></body>`);
    const text = articleText(doc).join('\n');
    expect(text).toContain('Paragraph 4');
    expect(text).not.toMatch(/editable|editor|textbox|textarea/);
  });

  it('drops link-heavy lists and short labels inside the article', () => {
    const { doc } = makeDocument(`<body><article>${story(4)}
      <ul><li><a href="#">Read more: another story with a long enough headline to count as text</a></li></ul>
      <p>Advertisement</p></article></body>`);
    const text = articleText(doc).join('\n');
    expect(text).not.toContain('Read more');
    expect(text).not.toContain('Advertisement');
  });

  it('keeps a story wrapped in an element whose class names a share widget', () => {
    // Seen on real pages: <div id="gigya-share-btns-2_gig_containerParent" class="text-wrapper">.
    const { doc } = makeDocument(
      `<body><div class="gigya-share-btns text-wrapper">${story(6)}</div><div class="share-bar"><p>Share this story with your friends on every network today</p></div></body>`,
    );
    const text = articleText(doc).join('\n');
    expect(text).toContain('Paragraph 5');
    expect(text).not.toContain('Share this story');
  });

  it('finds every story on an infinite-scroll page of articles', () => {
    const { doc } = makeDocument(
      `<body><main><article><div class="body">${story(6)}</div></article><article><div class="body">${story(3).replaceAll('Paragraph', 'Second')}</div></article></main></body>`,
    );
    const text = articleText(doc).join('\n');
    expect(text).toContain('Paragraph 5');
    expect(text).toContain('Second 2');
  });

  it('skips the elements it is told to (the overlay host)', () => {
    const { doc } = makeDocument(`<body><article>${story(4)}</article></body>`);
    const host = doc.createElement('claimlight-overlay');
    host.innerHTML = story(8);
    doc.body.append(host);
    const blocks = findArticleBlocks(doc, { skip: new Set([host]) });
    expect(blocks.every((b) => !host.contains(b))).toBe(true);
    expect(blocks).toHaveLength(4);
  });

  it('returns nothing for a page that is itself an editor', () => {
    const { doc } = makeDocument(`<body contenteditable="true"><article>${story(5)}</article></body>`);
    expect(findArticleBlocks(doc)).toEqual([]);
    const other = makeDocument(`<body><article>${story(5)}</article></body>`).doc;
    other.designMode = 'on';
    expect(findArticleBlocks(other)).toEqual([]);
  });

  it('returns nothing for a page without prose', () => {
    const { doc } = makeDocument('<body><nav><a href="#">Home</a></nav><button>OK</button></body>');
    expect(findArticleBlocks(doc)).toEqual([]);
  });
});

describe('buildTextMap', () => {
  it('collapses whitespace, breaks lines at <br> and nested blocks, and maps back to raw offsets', () => {
    const { doc } = makeDocument(
      '<div id="b">  First   line<br>second <em>line</em>\n here<p>nested</p>tail </div>',
    );
    const block = doc.getElementById('b') as Element;
    const map = buildTextMap(block);
    expect(map.text).toBe('First line\nsecond line here\ntail');
    expect(blockText(block)).toBe(map.text);
    // Each collapsed character points at the same character of the raw text.
    for (let i = 0; i < map.text.length; i++) {
      const c = map.text[i] as string;
      if (c.trim()) expect(map.raw[rawOffset(map, i)]).toBe(c);
    }
  });

  it('is what articleText returns, so the CLI and the extension split the same text', () => {
    const { doc } = makeDocument(
      '<article><p>One&nbsp;sentence here, with   spaces.<br>Next line.</p></article>',
    );
    const p = doc.querySelector('p') as Element;
    expect(buildTextMap(p).text).toBe('One sentence here, with spaces.\nNext line.');
  });
});

describe('htmlForParsing', () => {
  it('keeps the text after an inline SVG sprite with a <style> (happy-dom stops parsing there)', () => {
    const html =
      '<body><svg><defs><style>.a{fill:red}</style></defs></svg><article><p>After the sprite, the story goes on with enough words, commas, and detail.</p></article></body>';
    expect(articleText(makeDocument(htmlForParsing(html)).doc).join(' ')).toContain('After the sprite');
  });
});

describe('isInEditable', () => {
  it('is true inside form fields, contenteditable and editors, false elsewhere', () => {
    const { doc } = makeDocument(
      '<p id="p">text</p><div contenteditable><span id="e">x</span></div><div class="cm-editor"><span id="cm">x</span></div><div contenteditable="false"><span id="f">x</span></div>',
    );
    expect(isInEditable(doc.getElementById('p') as Element)).toBe(false);
    expect(isInEditable(doc.getElementById('e') as Element)).toBe(true);
    expect(isInEditable(doc.getElementById('cm') as Element)).toBe(true);
    expect(isInEditable(doc.getElementById('f') as Element)).toBe(false);
  });
});

// The labelled real pages: Trafilatura's evaluation marks segments that belong to the main text
// ("with") and boilerplate ("without"). Floors, not exact figures: the heuristic may improve.
const corpus = resolve(repoRoot, '../shared/corpora/pages/trafilatura');
describe.skipIf(!existsSync(corpus))('findArticleBlocks on labelled real pages', () => {
  if (!existsSync(corpus)) console.warn(`skipped: ${corpus} is absent (shared test data)`);
  it('finds most main-text segments and leaks little boilerplate', () => {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    const evalData = JSON.parse(readFileSync(resolve(corpus, 'evaldata-news.json'), 'utf8')) as Record<
      string,
      { file: string; with: string[]; without: string[] }
    >;
    let withHit = 0;
    let withN = 0;
    let leaked = 0;
    let withoutN = 0;
    for (const e of Object.values(evalData)) {
      const file = resolve(corpus, 'html', e.file);
      if (!existsSync(file)) continue;
      const { doc, win } = makeDocument(htmlForParsing(readFileSync(file, 'utf8')));
      const text = norm(articleText(doc).join('\n'));
      for (const s of e.with) {
        withN++;
        if (text.includes(norm(s))) withHit++;
      }
      for (const s of e.without) {
        withoutN++;
        if (text.includes(norm(s))) leaked++;
      }
      win.close();
    }
    expect(withN).toBeGreaterThan(100);
    expect(withHit / withN).toBeGreaterThan(0.8);
    expect(leaked / withoutN).toBeLessThan(0.1);
  }, 120_000);
});

// Readability's test pages: expected.html is its extraction of the story, usable as the main text.
const readability = resolve(repoRoot, '../shared/corpora/pages/readability');
describe.skipIf(!existsSync(readability))('findArticleBlocks against Readability’s extractions', () => {
  if (!existsSync(readability)) console.warn(`skipped: ${readability} is absent (shared test data)`);
  it('finds most of the story’s paragraphs and little else', () => {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    let found = 0;
    let expected = 0;
    let ours = 0;
    let oursInStory = 0;
    for (const name of readdirSync(readability)) {
      const source = resolve(readability, name, 'source.html');
      if (!existsSync(source)) continue;
      const page = makeDocument(htmlForParsing(readFileSync(source, 'utf8')));
      const blocks = articleText(page.doc).map(norm);
      const story = makeDocument(readFileSync(resolve(readability, name, 'expected.html'), 'utf8'));
      const storyText = norm(story.doc.body?.textContent ?? '');
      const all = blocks.join('\n');
      for (const p of story.doc.querySelectorAll('p')) {
        const t = norm(p.textContent ?? '');
        if (t.length < 40) continue;
        expected++;
        if (all.includes(t)) found++;
      }
      for (const b of blocks) {
        if (b.length < 40) continue;
        ours++;
        if (storyText.includes(b)) oursInStory++;
      }
      page.win.close();
      story.win.close();
    }
    expect(expected).toBeGreaterThan(500);
    expect(found / expected).toBeGreaterThan(0.85);
    expect(oursInStory / ours).toBeGreaterThan(0.9);
  }, 120_000);
});

describe('createArticleFinder', () => {
  it('walks and picks a large page over many short steps, to the same blocks as in one go', () => {
    const paragraphs = Array.from(
      { length: 4000 },
      (_, i) =>
        `<p>Paragraph ${i}: the harbour board met on Monday, and the ferry timetable changes in June.</p>`,
    ).join('');
    const { doc } = makeDocument(`<main><article><h1>News</h1>${paragraphs}</article></main>`);
    // A clock that advances with every reading: each step gets a budget of a few readings.
    let t = 0;
    const finder = createArticleFinder(doc, {}, () => t++);
    let steps = 0;
    let found: Element[] | null = null;
    while (!found && steps < 100_000) {
      found = finder.step(t + 20);
      steps++;
    }
    expect(steps).toBeGreaterThan(10);
    expect(found).toEqual(findArticleBlocks(doc));
    expect(found?.length).toBe(4000);
  });
});
