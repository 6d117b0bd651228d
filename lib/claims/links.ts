/**
 * Links between Claimlight's pages and out to sources, made in one place so every page builds them alike
 * (and only ever links to http(s)).
 */

/** The source reader's page for one article, showing one claim's quote: `/reader.html?seed=…&claim=…`. */
export function readerPath(seed: string, claimId?: string): string {
  const q = new URLSearchParams({ seed });
  if (claimId) q.set('claim', claimId);
  return `/reader.html?${q}`;
}

/** What the reader was asked to show, from its query string. */
export function readerParams(search: string): { seed: string | null; claimId: string | null } {
  const q = new URLSearchParams(search);
  return { seed: q.get('seed'), claimId: q.get('claim') };
}

/** The claims browser, or one claim in it: `/claims.html#id` (the stable link of a claim). */
export function claimsPath(claimId?: string): string {
  return claimId ? `/claims.html#${encodeURIComponent(claimId)}` : '/claims.html';
}

/** The claim id of a claims-browser hash (`#id`), or null. */
export function claimIdFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, '');
  if (raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** An http(s) URL as a link target, or null (a pack could carry `javascript:` or `data:` URLs). */
export function safeHttpUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
