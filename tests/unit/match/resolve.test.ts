import { describe, expect, it } from 'vitest';
import { createResolver } from '../../../lib/match/resolve';
import { COMPLETION_STRENGTH, MIN_COMPLETION_PREFIX } from '../../../lib/match/tuning';
import { analyze, termKindWeight } from '../../../lib/text/analyze';
import { EMPTY_LEXICON, loadLexicon } from '../../../lib/text/lexicon';
import { indexOf } from './fixtures';

// The resolve stage alone, over a small loaded index: which of a text's words the index knows, and how
// strongly (exact, synonym, spelling variant, completion).
const index = indexOf();
const resolver = createResolver(index, { lexicon: EMPTY_LEXICON, synonymStrength: 0.8 });
const id = (term: string) => index.termIds.get(term) as number;
const termsOf = (ids: Iterable<number>) => [...ids].map((t) => index.vocab[t]);

describe('resolve stage', () => {
  it('resolves known words exactly and weighs the unknown ones at the unknown-term weight', () => {
    const r = resolver.resolve('Officials said Russia will train soldiers, quietly.');
    expect(r.ids.get(id('russia'))).toBe(1);
    expect(r.ids.get(id('train'))).toBe(1);
    const unknown = analyze('quietly').terms[0] as string;
    expect(index.termIds.has(unknown)).toBe(false);
    expect(r.unknownCount).toBe(1);
    expect(r.unknownMass).toBeCloseTo(index.unknownWeight * termKindWeight(unknown, false), 12);
    expect(r.completed.size).toBe(0);
    expect(r.expanded.size).toBe(0);
  });

  it('finds spelling variants of names, and of other words only when not limited to names', () => {
    // A name inside the sentence: its variant is found either way, weaker than an exact match.
    for (const mode of [{}, { fuzzyNamesOnly: true }]) {
      const r = resolver.resolve('Troops came to Kursk from Vladivostock by train.', mode);
      const strength = r.ids.get(id('vladivostok')) as number;
      expect(strength).toBeGreaterThan(0.5);
      expect(strength).toBeLessThan(1);
    }
    // The same word first in the sentence is not taken for a name: only a typed query looks it up.
    const text = 'Vladivostock troops';
    expect(analyze(text).entities.has('vladivostock')).toBe(false);
    expect(resolver.resolve(text).ids.has(id('vladivostok'))).toBe(true);
    const prose = resolver.resolve(text, { fuzzyNamesOnly: true });
    expect(prose.ids.has(id('vladivostok'))).toBe(false);
    expect(prose.unknownCount).toBe(1);
  });

  it('completes the last word of a query being typed, as alternatives', () => {
    const typing = resolver.resolve('north korean sold', { completeLast: true });
    expect(typing.ids.get(id('soldier'))).toBe(COMPLETION_STRENGTH);
    expect(termsOf(typing.completed)).toEqual(['soldier']);
    // A finished word (trailing space), no completion asked, or too short a prefix: nothing completed.
    for (const [text, completeLast] of [
      ['north korean sold ', true],
      ['north korean sold', false],
      [`north korean ${'sold'.slice(0, MIN_COMPLETION_PREFIX - 1)}`, true],
    ] as const) {
      const r = resolver.resolve(text, { completeLast });
      expect(r.completed.size, text).toBe(0);
      expect(r.ids.has(id('soldier')), text).toBe(false);
    }
  });

  it('lists completions in sorted order, bounded by the prefix and the count', () => {
    const all = resolver.completions('', 1000);
    expect(all).toEqual([...index.vocab].sort());
    expect(resolver.completions('sol', 8)).toEqual(['soldier']);
    const s = all.filter((w) => w.startsWith('s'));
    expect(s.length).toBeGreaterThan(2);
    expect(resolver.completions('s', 2)).toEqual(s.slice(0, 2));
    expect(resolver.completions('zzz', 8)).toEqual([]);
  });

  it('adds synonyms the index knows, weaker than exact words, only when asked', () => {
    const treaty = analyze('treaty').terms[0] as string;
    const sign = analyze('signed').terms[0] as string;
    const lexicon = loadLexicon({ source: 'test', synonyms: { [treaty]: 'pact', [sign]: 'visit' } });
    const withSynonyms = createResolver(index, { lexicon, synonymStrength: 0.6 });
    // A word the index lacks, replaced by its synonym.
    const r = withSynonyms.resolve('They agreed a treaty', { synonyms: true });
    expect(r.ids.get(id('pact'))).toBe(0.6);
    const plain = withSynonyms.resolve('They agreed a treaty');
    expect(plain.ids.has(id('pact'))).toBe(false);
    expect(r.unknownCount).toBe(plain.unknownCount - 1);
    // A known word's synonym is credited too, but marked as expanded (not part of the text's mass)…
    const expanded = withSynonyms.resolve('The countries signed it', { synonyms: true });
    expect(expanded.ids.get(id(sign))).toBe(1);
    expect(expanded.ids.get(id('visit'))).toBe(0.6);
    expect(termsOf(expanded.expanded)).toEqual(['visit']);
    // …unless the text has that word itself.
    const both = withSynonyms.resolve('The countries signed it during a visit', { synonyms: true });
    expect(both.ids.get(id('visit'))).toBe(1);
    expect(both.expanded.size).toBe(0);
  });
});
