import type { WxtBrowser } from 'wxt/browser';
import { toolbarAction } from '../platform';

/** Badge colour: --cl-palette-blue-600 of tokens.css, readable with white text. */
const BADGE_COLOUR = '#1f5fbf';

/**
 * Shows the number of distinct claims on a tab in the toolbar badge (per tab, so the badge follows the
 * active tab without us tracking which one that is). An empty badge for zero. Never throws: the tab may
 * have closed meanwhile.
 */
export async function setClaimBadge(browser: WxtBrowser, tabId: number, count: number): Promise<void> {
  const action = toolbarAction(browser);
  if (!action) return;
  try {
    await action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
    if (count > 0) await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOUR });
  } catch {
    // The tab is gone; nothing to show.
  }
}
