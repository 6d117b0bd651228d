import bundle from 'virtual:claimlight/bundle';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { loadMatcher } from '../lib/match/matcher';
import type { BackgroundProtocol } from '../lib/messaging/protocol';
import { serve } from '../lib/messaging/rpc';

export default defineBackground(() => {
  // Listeners are registered synchronously, before any await, so a woken worker gets its message.
  const matcher = loadMatcher(bundle.index.claims, bundle.matcher);

  serve<BackgroundProtocol>(browser, {
    matchSentences: ({ sentences }) => {
      if (!Array.isArray(sentences) || !sentences.every((s) => typeof s === 'string'))
        return { ok: false, error: 'sentences must be strings' };
      return { ok: true, value: { matches: matcher.match(sentences.slice(0, 5000)) } };
    },
    pageClaimsChanged: async ({ claimIds }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !Array.isArray(claimIds)) return { ok: false, error: 'not from a tab' };
      const n = new Set(claimIds.filter((id) => typeof id === 'string')).size;
      await browser.action.setBadgeText({ tabId, text: n > 0 ? String(n) : '' });
      return { ok: true, value: null };
    },
    searchClaims: ({ query, limit }) => ({
      ok: true,
      value: { hits: matcher.search(String(query), Math.min(50, Math.max(1, Number(limit) || 10))) },
    }),
  });
});
