import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { BackgroundProtocol } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/rpc';

// PLACEHOLDER (scaffold): reads paragraphs, asks the background to match, reports the count.
export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main() {
    const text = [...document.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n');
    const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
    const sentences = [...seg.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
    const res = await send<BackgroundProtocol, 'matchSentences'>(browser, 'matchSentences', { sentences });
    if (!res.ok) return;
    const claimIds = res.value.matches.map((m) => m.claim.id);
    await send<BackgroundProtocol, 'pageClaimsChanged'>(browser, 'pageClaimsChanged', { claimIds });
  },
});
