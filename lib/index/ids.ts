// Stable claim ids. Settings and user marks refer to claims by id, so an id must survive rebuilds and new
// articles: it is derived from the text of the statement that founded the claim (the earliest statement
// in seed order), never from a position or a counter. The canonical form is local and deliberately simple
// (case, Unicode form, punctuation and spacing), so improvements to the shared normaliser cannot change ids.

/** The canonical form of a statement for hashing: NFKC, lower case, words separated by single spaces. */
export function canonicalForId(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain), as 14 hex digits. */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The id of a claim founded by a statement with this text: `c-` and a hash of its canonical form. */
export function claimIdFor(founderText: string): string {
  return `c-${hash53(canonicalForId(founderText))}`;
}

/**
 * Makes ids unique in order of appearance: a repeated id gets `-2`, `-3`… (only possible when two claims
 * were founded by statements with the same canonical text, e.g. after a curated split).
 */
export function uniqueIds(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}-${n}`;
  });
}
