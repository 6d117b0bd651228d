import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedArticle } from '../index/build';
import { SeedError } from '../index/errors';
import { OVERRIDES_FILE } from '../index/overrides';

/**
 * Reads every `.txt` article in a seeds directory, sorted by file name (for deterministic builds), plus
 * `overrides.json` when present (buildClaimIndex applies it as curated overrides). Throws SeedError
 * (`file:line: reason`) for a missing directory, an unreadable file or a directory without articles.
 */
export function readSeedsDir(dir: string): SeedArticle[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SeedError(dir, 0, 'not a directory');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  if (files.length === 0) throw new SeedError(dir, 0, 'no .txt articles in the seeds directory');
  const read = (file: string): SeedArticle => {
    const path = join(dir, file);
    try {
      return { file, text: readFileSync(path, 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
      throw new SeedError(path, 1, `unreadable article (${code})`);
    }
  };
  const articles = files.map(read);
  if (existsSync(join(dir, OVERRIDES_FILE))) articles.push(read(OVERRIDES_FILE));
  return articles;
}
