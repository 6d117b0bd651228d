import { describe, expect, it } from 'vitest';
import { canonicalForId, claimIdFor, uniqueIds } from '../../../lib/index/ids';

describe('claim ids', () => {
  it('depend on the words of the founding statement, not on spacing, case or punctuation', () => {
    expect(claimIdFor('The dam burst on Sunday.')).toBe(claimIdFor('  the DAM burst — on Sunday '));
    expect(claimIdFor('The dam burst on Sunday.')).not.toBe(claimIdFor('The dam burst on Monday.'));
    expect(claimIdFor('x')).toMatch(/^c-[0-9a-f]{14}$/);
    expect(canonicalForId('“Peskov” — said: fake!')).toBe('peskov said fake');
  });

  it('are made unique in order of appearance', () => {
    expect(uniqueIds(['c-a', 'c-b', 'c-a', 'c-a'])).toEqual(['c-a', 'c-b', 'c-a-2', 'c-a-3']);
  });
});
