// Seed articles generated from the saved real news pages (../shared/corpora/pages), for measuring how the
// index build grows with an archive. Each page's story paragraphs (<p> elements that read as prose) are
// pooled in page order; article k takes a run of 6–12 consecutive paragraphs from a seeded position, so
// articles read like real reporting (one story, its own sentences) and, once the pool is used up, some
// paragraphs recur across articles the way wire copy does. Deterministic: the same n gives the same files.

import type { SeedArticle } from '../../lib/index/build';
import { corpusPages, pageHtml } from '../fixtures/corpus-pages';

let pool: string[] | null = null;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text of an HTML fragment: tags dropped, character references decoded (enough for <p> contents). */
function fragmentText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
      if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? m;
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The story paragraphs of every saved page, in page order (empty without the shared corpora): the text of
 * each <p> element that reads as prose. A regular expression rather than a DOM: a DOM per page would hold
 * on to gigabytes of heap, and this only feeds a benchmark.
 */
export function pageParagraphs(): string[] {
  if (pool) return pool;
  pool = [];
  for (const [, file] of corpusPages()) {
    for (const m of pageHtml(file).matchAll(/<p\b[^>]*>([\s\S]*?)<\/p\s*>/gi)) {
      const text = fragmentText(m[1] ?? '');
      if (text.length > 80 && /[.!?]["”’)]?$/.test(text)) pool.push(text);
    }
  }
  return pool;
}

/** mulberry32: a small seeded generator, so generated archives are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` generated articles named `g0000_page.txt`…, dated one day apart from 2024-11-01. */
export function generatedArticles(n: number, seed = 1): SeedArticle[] {
  const paras = pageParagraphs();
  if (paras.length === 0) return [];
  const next = random(seed);
  return Array.from({ length: n }, (_, k) => {
    const count = 6 + Math.floor(next() * 7);
    const start = Math.floor(next() * Math.max(1, paras.length - count));
    const date = new Date(Date.UTC(2024, 10, 1) + k * 86_400_000).toISOString().slice(0, 10);
    const body = paras.slice(start, start + count).join('\n\n');
    return { file: `g${String(k).padStart(4, '0')}_page.txt`, text: ` date ${date} ${body}\n` };
  });
}
