import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { claimsPath } from '../lib/claims/links';
import type { SearchHit } from '../lib/match/types';
import type { TabState } from '../lib/messaging/protocol';
import { type ExtensionApi, type PageClaim, tabIdFromSearch } from '../lib/settings/client';
import { ClaimSummary } from './ClaimSummary';
import { SiteSwitch } from './SiteSwitch';
import { ClaimSources } from './SourceLink';

/** How many search results the popup shows. */
export const SEARCH_LIMIT = 8;

/** Props of {@link Popup}. */
export interface PopupProps {
  api: ExtensionApi;
  /** The page's query string (`?tabId=12` binds the popup to a tab, for tests). */
  search: string;
  /** Closes the popup after jumping to a claim (not when bound to a tab by `?tabId=`). */
  closeWindow?: () => void;
}

type PageClaimsState =
  | { status: 'loading' }
  | { status: 'ok'; claims: PageClaim[] }
  | { status: 'unavailable'; message: string };

/** Why there is no list of page claims, in the user's words. */
function unavailableMessage(tab: TabState | null): string {
  if (tab && tab.url !== null && !tab.supported) return 'Claimlight can’t run on this page.';
  if (tab && !tab.enabled) return 'Claimlight is off for this site.';
  return 'Claimlight isn’t running on this page. If it is a web page opened before Claimlight was installed, reload it.';
}

/**
 * The toolbar popup: search over every claim (bundled and imported), the claims found on the current
 * tab (each jumps to its highlight), the per-site switch and a link to the options page. It paints at
 * once with what it has and fills in as the answers arrive; it never imports the claim index itself
 * (the background searches), which keeps its bundle small and its first paint fast.
 */
export function Popup({ api, search, closeWindow }: PopupProps) {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [tab, setTab] = useState<TabState | null>(null);
  const [busy, setBusy] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [page, setPage] = useState<PageClaimsState>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [topics, setTopics] = useState<string[]>([]);
  const searchSeq = useRef(0);
  /** The latest tab state, for listeners registered before it changed. */
  const tabRef = useRef<TabState | null>(null);
  const boundToTab = tabIdFromSearch(search) !== null;
  const searchBox = useRef<HTMLInputElement>(null);

  // The popup exists to be typed into: focus starts in the search box (explicitly, since `autofocus`
  // only acts at page load, and the input is rendered by script).
  useEffect(() => searchBox.current?.focus(), []);

  useEffect(() => {
    void api.currentTabId(search).then(setTabId);
  }, [api, search]);

  const pageSeq = useRef(0);
  const loadPageClaims = useCallback(
    async (id: number, state: TabState | null) => {
      // Reports, switches and the first load can overlap: only the latest request may set the list.
      const seq = ++pageSeq.current;
      if (state && (!state.supported || !state.enabled)) {
        setPage({ status: 'unavailable', message: unavailableMessage(state) });
        return;
      }
      const res = await api.transport.tab(id, 'getPageClaims', null);
      if (seq !== pageSeq.current) return;
      setPage(
        res.ok
          ? { status: 'ok', claims: res.value.claims }
          : { status: 'unavailable', message: unavailableMessage(state) },
      );
    },
    [api],
  );

  useEffect(() => {
    if (tabId === undefined) return;
    if (tabId === null) {
      setPage({ status: 'unavailable', message: 'No tab to show claims for.' });
      return;
    }
    void api.transport.background('getTabState', { tabId }).then((res) => {
      const state = res.ok ? res.value : null;
      tabRef.current = state;
      setTab(state);
      void loadPageClaims(tabId, state);
    });
    // The content script reports whenever its set of claims changes (a scan finished, the site was
    // switched on or off): refresh then, rather than polling.
    return api.onPageClaimsChanged(tabId, () => void loadPageClaims(tabId, tabRef.current));
  }, [api, tabId, loadPageClaims]);

  const onSearch = async (q: string) => {
    setQuery(q);
    const seq = ++searchSeq.current;
    if (q.trim() === '') {
      setHits(null);
      setSearchError(null);
      return;
    }
    const res = await api.transport.background('searchClaims', { query: q, limit: SEARCH_LIMIT });
    if (seq !== searchSeq.current) return; // a later keystroke's answer wins
    if (res.ok) {
      setHits(res.value.hits);
      setTopics(res.value.topics ?? []);
      setSearchError(null);
    } else setSearchError(res.error);
  };

  const onSwitch = async (enabled: boolean) => {
    if (!tab?.url || tabId == null) return;
    setBusy(true);
    setSwitchError(null);
    const next = { ...tab, enabled };
    // Set before asking: the content script's report may arrive before the background's answer.
    tabRef.current = next;
    const res = await api.transport.background('setSiteEnabled', { url: tab.url, enabled });
    setBusy(false);
    if (!res.ok) {
      tabRef.current = tab;
      setSwitchError(`Could not change the setting: ${res.error}`);
      return;
    }
    setTab(next);
    if (enabled) setPage({ status: 'loading' });
    void loadPageClaims(tabId, next);
  };

  // Our pages open in a tab of their own; the popup then closes (unless a test bound it to a tab).
  const openPage = (path: string) => {
    void api.openPage(path).then(() => {
      if (!boundToTab) (closeWindow ?? (() => window.close()))();
    });
  };

  const reveal = async (claimId: string) => {
    if (tabId == null) return;
    const res = await api.transport.tab(tabId, 'revealClaim', { claimId });
    if (res.ok && !boundToTab) (closeWindow ?? (() => window.close()))();
  };

  // Arrow keys move between the search box, the results and the page's claims (Tab works too).
  const onArrowKeys = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const root = e.currentTarget as HTMLElement;
    const items = [...root.querySelectorAll<HTMLElement>('[data-cl-nav]')];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const next = items[at + (e.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    e.preventDefault();
    next.focus();
  };

  const pageIds = new Set(page.status === 'ok' ? page.claims.map((c) => c.claim.id) : []);

  return (
    <main class="cl-popup" onKeyDown={onArrowKeys}>
      <header class="cl-popup-header">
        <h1>Claimlight</h1>
        <SiteSwitch tab={tab} busy={busy} onChange={(e) => void onSwitch(e)} />
        {switchError && (
          <p role="alert" class="cl-error">
            {switchError}
          </p>
        )}
      </header>

      <section class="cl-popup-search" aria-labelledby="cl-search-label">
        <label id="cl-search-label" for="cl-search">
          Search claims
        </label>
        <input
          id="cl-search"
          type="search"
          autoComplete="off"
          spellcheck={false}
          placeholder="e.g. soldiers sent to Russia"
          value={query}
          ref={searchBox}
          data-cl-nav
          onInput={(e) => void onSearch((e.currentTarget as HTMLInputElement).value)}
          aria-describedby="cl-search-status"
        />
        <p id="cl-search-status" class="cl-muted" aria-live="polite">
          {searchError
            ? `Search failed: ${searchError}`
            : hits === null
              ? ''
              : hits.length === 0
                ? 'No claims found.'
                : `${hits.length} claim${hits.length === 1 ? '' : 's'} found.`}
        </p>
        {hits !== null && hits.length === 0 && topics.length > 0 && (
          <p class="cl-topics">
            Closest topics:{' '}
            {topics.map((t, i) => (
              <span key={t}>
                {i > 0 && ', '}
                <button
                  type="button"
                  class="cl-topic"
                  data-cl-nav
                  onClick={() => {
                    if (searchBox.current) searchBox.current.value = t;
                    void onSearch(t);
                  }}
                >
                  {t}
                </button>
              </span>
            ))}
          </p>
        )}
        {hits !== null && hits.length > 0 && (
          <ul class="cl-list" aria-label="Search results">
            {hits.map(({ claim }) => (
              <li key={claim.id} class="cl-result">
                <details>
                  <summary data-cl-nav>
                    <ClaimSummary claim={claim} />
                  </summary>
                  <ClaimSources claim={claim} openPage={openPage} />
                  {pageIds.has(claim.id) && (
                    <button type="button" class="cl-link-button" onClick={() => void reveal(claim.id)}>
                      Show on this page
                    </button>
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="cl-popup-page" aria-labelledby="cl-page-heading">
        <h2 id="cl-page-heading">On this page</h2>
        {page.status === 'loading' && <p class="cl-muted">Looking…</p>}
        {page.status === 'unavailable' && <p class="cl-muted">{page.message}</p>}
        {page.status === 'ok' && page.claims.length === 0 && (
          <p class="cl-muted">No claims found on this page.</p>
        )}
        {page.status === 'ok' && page.claims.length > 0 && (
          <ul class="cl-list" aria-label="Claims on this page">
            {page.claims.map(({ claim, stance }) => (
              <li key={claim.id}>
                <button
                  type="button"
                  class="cl-claim-button"
                  data-cl-nav
                  title="Show this claim on the page"
                  onClick={() => void reveal(claim.id)}
                >
                  <ClaimSummary claim={claim} stance={stance} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <footer class="cl-popup-footer">
        <a
          href="/options.html"
          onClick={(e) => {
            e.preventDefault();
            void api.openOptions();
          }}
        >
          Settings and claim packs
        </a>
        <a
          href={claimsPath()}
          onClick={(e) => {
            e.preventDefault();
            openPage(claimsPath());
          }}
        >
          Browse all claims
        </a>
      </footer>
    </main>
  );
}
