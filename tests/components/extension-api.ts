import { browser } from 'wxt/browser';
import { createBackgroundHandlers } from '../../lib/background/handlers';
import { createMatcherCache } from '../../lib/background/matchers';
import type { ClaimBundle } from '../../lib/build/bundle-types';
import type { Claim } from '../../lib/claims/types';
import { prepareMatcher } from '../../lib/match/matcher';
import type { ContentProtocol, Result } from '../../lib/messaging/protocol';
import { loadPackData } from '../../lib/packs/store';
import type { ReaderArticle } from '../../lib/reader/article';
import { createExtensionApi, type ExtensionApi, type Transport } from '../../lib/settings/client';

/**
 * Component tests talk to the real background handlers (real validation, real storage in WXT's fake
 * browser) through a transport that delivers messages as from an extension page; the content script is
 * played by plain functions, since the fake browser has no tabs.sendMessage.
 */

export const EXTENSION_PAGE = {
  id: 'test-extension-id',
  url: 'chrome-extension://test-extension-id/popup.html',
};

export const claim = (id: string, text: string, extra: Partial<Claim> = {}): Claim => ({
  id,
  text,
  verdict: 'corroborated',
  sources: [
    {
      seed: 'a.txt',
      outlet: 'Wire One',
      date: '2024-10-10',
      quote: `${text}, officials said on Thursday.`,
      stance: 'supports',
    },
    { seed: 'b.txt', outlet: 'Wire Two', date: '2024-10-11', quote: text, stance: 'supports' },
  ],
  origin: 'seeds',
  ...extra,
});

export const CLAIMS: Claim[] = [
  claim('c-dam', 'The river dam burst after three days of heavy rain in the northern valley'),
  claim('c-bridge', 'The city council approved the new suspension bridge over the harbour', {
    verdict: 'disputed',
  }),
  claim('c-zoo', 'The zoo welcomed twin panda cubs born in the spring', { verdict: 'single-source' }),
];

/** The bundled article the claims quote (`a.txt`): each claim's first quote, a paragraph each. */
export const ARTICLES: ReaderArticle[] = [
  {
    seed: 'a.txt',
    headline: 'Storms, bridges and pandas: the week in the valley',
    outlet: 'Wire One',
    date: '2024-10-10',
    paragraphs: [
      { lines: ['A quiet week began with rain.'] },
      ...CLAIMS.map((c) => ({ lines: [`${c.sources[0]?.quote} More followed.`] })),
    ],
  },
];

export const BUNDLE: ClaimBundle = {
  index: { schema: 1, claims: CLAIMS },
  matcher: prepareMatcher(CLAIMS),
  lexicon: { source: 'none', synonyms: {} },
  articles: ARTICLES,
};

type ContentHandlers = {
  [K in keyof ContentProtocol]?: (
    tabId: number,
    data: Parameters<ContentProtocol[K]>[0],
  ) => ReturnType<ContentProtocol[K]> | Promise<ReturnType<ContentProtocol[K]>>;
};

/** An API wired to the real background handlers and to `content` as the tabs' content script. */
export function testApi(content: ContentHandlers = {}): ExtensionApi {
  const handlers = createBackgroundHandlers({
    browser,
    matchers: createMatcherCache(BUNDLE, loadPackData),
    articles: BUNDLE.articles,
  });
  const transport: Transport = {
    background: async (type, data) => {
      const handler = handlers[type] as (d: unknown, s: typeof EXTENSION_PAGE) => unknown;
      return (await handler(data, EXTENSION_PAGE)) as never;
    },
    tab: async (tabId, type, data) => {
      const handler = content[type] as ((t: number, d: unknown) => unknown) | undefined;
      if (!handler)
        return { ok: false, error: 'Could not establish connection. Receiving end does not exist.' } as never;
      return (await handler(tabId, data)) as never;
    },
  };
  return createExtensionApi(browser, transport);
}

/** A successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
