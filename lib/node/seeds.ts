import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedArticle } from '../index/build';

/** Reads every `.txt` article in a seeds directory, sorted by file name (for deterministic builds). */
export function readSeedsDir(dir: string): SeedArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
