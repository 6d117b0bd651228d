import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings, type SiteRule } from '../../../lib/settings/schema';
import {
  isSiteEnabled,
  normalizeSiteKey,
  setSiteEnabled,
  siteKeyForUrl,
} from '../../../lib/settings/site-rules';

function settings(mode: Settings['mode'], sites: SiteRule[] = []): Settings {
  return { ...defaultSettings(), mode, sites };
}

const off = (site: string): SiteRule => ({ site, enabled: false });
const on = (site: string): SiteRule => ({ site, enabled: true });

// [description, url, settings, expected]
const cases: [string, string, Settings, boolean][] = [
  ['default mode everywhere enables an http page', 'http://example.com/a', settings('everywhere'), true],
  ['default mode everywhere enables an https page', 'https://example.com/', settings('everywhere'), true],
  ['allowlist mode leaves an unlisted site off', 'https://example.com/', settings('allowlist'), false],
  [
    'allowlist mode enables a listed site',
    'https://example.com/',
    settings('allowlist', [on('example.com')]),
    true,
  ],
  [
    'a rule for a domain covers its subdomains',
    'https://news.example.com/x',
    settings('everywhere', [off('example.com')]),
    false,
  ],
  [
    'a rule for a domain covers deep subdomains',
    'https://a.b.example.com/',
    settings('allowlist', [on('example.com')]),
    true,
  ],
  [
    'a subdomain rule does not cover its parent',
    'https://example.com/',
    settings('everywhere', [off('news.example.com')]),
    true,
  ],
  [
    'a subdomain rule does not cover a sibling',
    'https://sport.example.com/',
    settings('everywhere', [off('news.example.com')]),
    true,
  ],
  [
    'the most specific rule wins (sub on, parent off)',
    'https://news.example.com/',
    settings('everywhere', [off('example.com'), on('news.example.com')]),
    true,
  ],
  [
    'the most specific rule wins whatever the order',
    'https://news.example.com/',
    settings('everywhere', [on('news.example.com'), off('example.com')]),
    true,
  ],
  [
    'a lookalike domain is not a subdomain',
    'https://notexample.com/',
    settings('everywhere', [off('example.com')]),
    true,
  ],
  [
    'www. is the same site as the bare domain',
    'https://www.example.com/',
    settings('everywhere', [off('example.com')]),
    false,
  ],
  [
    'a bare domain matches a rule stored for it',
    'https://example.com/',
    settings('allowlist', [on('example.com')]),
    true,
  ],
  [
    'host case does not matter',
    'https://NEWS.Example.COM/',
    settings('everywhere', [off('news.example.com')]),
    false,
  ],
  [
    'a trailing dot in the host does not matter',
    'https://example.com./',
    settings('everywhere', [off('example.com')]),
    false,
  ],
  [
    'a rule without a port covers every port',
    'http://localhost:3000/',
    settings('everywhere', [off('localhost')]),
    false,
  ],
  [
    'a rule with a port covers only that port',
    'http://localhost:4000/',
    settings('everywhere', [off('localhost:3000')]),
    true,
  ],
  [
    'a port rule applies to its port',
    'http://localhost:3000/',
    settings('everywhere', [off('localhost:3000')]),
    false,
  ],
  [
    'a port rule beats the host rule',
    'http://example.com:8080/',
    settings('everywhere', [off('example.com'), on('example.com:8080')]),
    true,
  ],
  [
    'the default port is no port',
    'https://example.com:443/',
    settings('everywhere', [off('example.com')]),
    false,
  ],
  [
    'an IPv4 host matches its own rule',
    'http://127.0.0.1:8080/page',
    settings('everywhere', [off('127.0.0.1')]),
    false,
  ],
  ['an IPv4 host has no parent domains', 'http://10.1.2.3/', settings('everywhere', [off('1.2.3')]), true],
  [
    'an IPv4 host in allowlist mode is off unless listed',
    'http://192.168.0.1/',
    settings('allowlist'),
    false,
  ],
  ['an IPv6 host matches its own rule', 'http://[::1]:3000/', settings('everywhere', [off('[::1]')]), false],
  ['a file URL is on in everywhere mode', 'file:///home/me/article.html', settings('everywhere'), true],
  [
    'a file URL follows the file:// rule',
    'file:///home/me/article.html',
    settings('everywhere', [off('file://')]),
    false,
  ],
  ['a file URL is off in allowlist mode unless listed', 'file:///tmp/a.html', settings('allowlist'), false],
  [
    'a file URL is on when file:// is allowed',
    'file:///tmp/a.html',
    settings('allowlist', [on('file://')]),
    true,
  ],
  ['a bare TLD rule does not apply', 'https://example.com/', settings('everywhere', [off('com')]), true],
  ['chrome: pages are never enabled', 'chrome://extensions/', settings('everywhere'), false],
  ['extension pages are never enabled', 'chrome-extension://abc/popup.html', settings('everywhere'), false],
  ['about: pages are never enabled', 'about:blank', settings('everywhere'), false],
  ['data: URLs are never enabled', 'data:text/html,<p>hi</p>', settings('everywhere'), false],
  ['javascript: URLs are never enabled', 'javascript:alert(1)', settings('everywhere'), false],
  ['ftp URLs are never enabled', 'ftp://example.com/', settings('everywhere'), false],
  ['blob URLs are never enabled', 'blob:https://example.com/1234', settings('everywhere'), false],
  ['an unparsable URL is never enabled', 'not a url', settings('everywhere'), false],
  ['an empty URL is never enabled', '', settings('everywhere'), false],
];

describe('isSiteEnabled', () => {
  it.each(cases)('%s', (_name, url, s, expected) => {
    expect(isSiteEnabled(url, s)).toBe(expected);
  });
});

describe('normalizeSiteKey', () => {
  const keys: [string, string | null][] = [
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://www.example.com/news/today?x=1', 'example.com'],
    ['http://news.example.com', 'news.example.com'],
    ['*.example.com', 'example.com'],
    ['example.com:8080', 'example.com:8080'],
    ['localhost:3000', 'localhost:3000'],
    ['https://example.com:443/', 'example.com'],
    ['192.168.0.1', '192.168.0.1'],
    ['[::1]:3000', '[::1]:3000'],
    ['file:///home/me/a.html', 'file://'],
    ['file://', 'file://'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['chrome://extensions', null],
    ['javascript:alert(1)', null],
    ['', null],
    ['   ', null],
    ['exa mple.com', null],
  ];
  it.each(keys)('%j → %j', (input, expected) => {
    expect(normalizeSiteKey(input)).toBe(expected);
  });
});

describe('siteKeyForUrl', () => {
  it('gives the host without www. or port, file:// for files, null for other schemes', () => {
    expect(siteKeyForUrl('https://www.example.com/a')).toBe('example.com');
    expect(siteKeyForUrl('http://127.0.0.1:5173/x')).toBe('127.0.0.1');
    expect(siteKeyForUrl('file:///a/b.html')).toBe('file://');
    expect(siteKeyForUrl('chrome://newtab')).toBeNull();
  });
});

describe('setSiteEnabled', () => {
  const urls = [
    'https://example.com/',
    'https://www.news.example.com/a',
    'http://localhost:3000/',
    'http://10.0.0.1/',
    'file:///x.html',
  ];
  const starts: Settings[] = [
    settings('everywhere'),
    settings('allowlist'),
    settings('everywhere', [off('example.com')]),
    settings('allowlist', [on('example.com'), off('localhost:3000')]),
  ];
  it('always leaves the URL in the state asked for, and touches no other site', () => {
    for (const url of urls)
      for (const start of starts)
        for (const enabled of [true, false]) {
          const next = setSiteEnabled(start, url, enabled);
          expect(isSiteEnabled(url, next), `${url} ${enabled} from ${JSON.stringify(start)}`).toBe(enabled);
          expect(isSiteEnabled('https://unrelated.org/', next)).toBe(
            isSiteEnabled('https://unrelated.org/', start),
          );
        }
  });

  it('adds a rule for the subdomain rather than switching off the whole parent domain', () => {
    const next = setSiteEnabled(
      settings('everywhere', [on('example.com')]),
      'https://news.example.com/',
      false,
    );
    expect(next.sites).toEqual([on('example.com'), off('news.example.com')]);
    expect(isSiteEnabled('https://example.com/', next)).toBe(true);
  });

  it('updates a port rule in place', () => {
    const next = setSiteEnabled(
      settings('everywhere', [off('localhost:3000')]),
      'http://localhost:3000/',
      true,
    );
    expect(next.sites).toEqual([on('localhost:3000')]);
  });

  it('leaves settings alone for pages Claimlight cannot run on', () => {
    const start = settings('everywhere');
    expect(setSiteEnabled(start, 'chrome://settings', false)).toBe(start);
  });
});
