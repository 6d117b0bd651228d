import type { Settings, SiteRule } from './schema';

/**
 * The one decision "does Claimlight run on this URL?", shared by the content script (through the
 * background's `getPageSettings`), the background and the popup. Pure: a URL and the settings in, a
 * boolean out.
 *
 * A site key is a host without a leading `www.` (so `www.example.com` and `example.com` are one site),
 * optionally with a port (`localhost:3000`); `file://` stands for every local file. A rule for a domain
 * covers its subdomains; the most specific rule wins, so `news.example.com` can be off while
 * `example.com` is on. IP hosts have no parent domains. Only http(s) pages and local files can be
 * enabled: browser pages, extension pages, `data:`/`blob:` and the rest never are.
 */

/** The key every local file shares. */
export const FILE_SITE = 'file://';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/;

function isIpHost(hostname: string): boolean {
  return IPV4.test(hostname) || hostname.startsWith('[');
}

/** Lower-cased hostname without a trailing dot or a leading `www.`. */
function bareHost(hostname: string): string {
  let h = hostname.toLowerCase().replace(/\.$/, '');
  if (h.startsWith('www.') && h.length > 4 && !isIpHost(h)) h = h.slice(4);
  return h;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Normalises what a user types or what was stored (`https://www.Example.com/news`, `example.com:8080`,
 * `*.example.com`, `192.168.0.1`, `file://`) to a site key, or null when it names no site we can run on.
 */
export function normalizeSiteKey(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (s === '') return null;
  if (s.startsWith('file:')) return FILE_SITE;
  if (!SCHEME.test(s) || /^[^:/]+:\d+(?:[/?#]|$)/.test(s)) s = `http://${s.replace(/^\*\./, '')}`;
  const u = parseUrl(s);
  if (u === null || (u.protocol !== 'http:' && u.protocol !== 'https:')) return null;
  const host = bareHost(u.hostname);
  if (host === '' || host.includes('*')) return null;
  return u.port ? `${host}:${u.port}` : host;
}

/**
 * The keys a rule may have to apply to this URL, most specific first (`a.b.example.com:8080`,
 * `a.b.example.com`, `b.example.com:8080`, …), or null when Claimlight can never run on the URL.
 */
export function candidateSiteKeys(url: string): string[] | null {
  const u = parseUrl(url);
  if (u === null) return null;
  if (u.protocol === 'file:') return [FILE_SITE];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = bareHost(u.hostname);
  if (host === '') return null;
  const hosts = [host];
  if (!isIpHost(host)) {
    // Parent domains down to two labels: a rule for `example.com` covers `news.example.com`. A bare
    // top-level domain is never a parent, so one stray rule cannot switch off all of `.com`.
    const labels = host.split('.');
    for (let i = 1; i <= labels.length - 2; i++) hosts.push(labels.slice(i).join('.'));
  }
  return hosts.flatMap((h) => (u.port ? [`${h}:${u.port}`, h] : [h]));
}

/** The key the popup's "On/Off for this site" switch sets for a URL (host without port), or null. */
export function siteKeyForUrl(url: string): string | null {
  const u = parseUrl(url);
  if (u === null) return null;
  if (u.protocol === 'file:') return FILE_SITE;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return bareHost(u.hostname) || null;
}

/** The most specific rule that applies to a URL, or null when none does (the default mode decides). */
export function ruleForUrl(url: string, settings: Settings): SiteRule | null {
  const keys = candidateSiteKeys(url);
  if (keys === null) return null;
  for (const key of keys) {
    const rule = settings.sites.find((r) => r.site === key);
    if (rule) return rule;
  }
  return null;
}

/** Whether Claimlight runs on the page at `url`. */
export function isSiteEnabled(url: string, settings: Settings): boolean {
  if (candidateSiteKeys(url) === null) return false;
  const rule = ruleForUrl(url, settings);
  return rule ? rule.enabled : settings.mode === 'everywhere';
}

/** Whether Claimlight could run on the URL at all (an http(s) page or a local file). */
export function isSupportedUrl(url: string): boolean {
  return candidateSiteKeys(url) !== null;
}

/**
 * New settings in which the page at `url` is switched on or off. Updates the rule that decides the URL
 * when it is at least as specific as the site's own key (so a port rule stays a port rule), otherwise
 * adds a rule for the site. Returns the settings unchanged for URLs Claimlight cannot run on.
 */
export function setSiteEnabled(settings: Settings, url: string, enabled: boolean): Settings {
  const key = siteKeyForUrl(url);
  if (key === null) return settings;
  const keys = candidateSiteKeys(url) ?? [];
  const current = ruleForUrl(url, settings);
  const target = current !== null && keys.indexOf(current.site) <= keys.indexOf(key) ? current.site : key;
  const exists = settings.sites.some((r) => r.site === target);
  const sites = exists
    ? settings.sites.map((r) => (r.site === target ? { site: r.site, enabled } : r))
    : [...settings.sites, { site: target, enabled }];
  return { ...settings, sites };
}

/** New settings with the rule for `site` (any form `normalizeSiteKey` accepts) set, or null if invalid. */
export function setSiteRule(settings: Settings, site: string, enabled: boolean): Settings | null {
  const key = normalizeSiteKey(site);
  if (key === null) return null;
  const exists = settings.sites.some((r) => r.site === key);
  const sites = exists
    ? settings.sites.map((r) => (r.site === key ? { site: key, enabled } : r))
    : [...settings.sites, { site: key, enabled }];
  return { ...settings, sites };
}

/** New settings without the rule for `site`. */
export function removeSiteRule(settings: Settings, site: string): Settings {
  return { ...settings, sites: settings.sites.filter((r) => r.site !== site) };
}
