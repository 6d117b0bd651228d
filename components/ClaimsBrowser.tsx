import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClaimPage, ClaimQuery, VerdictFilter } from '../lib/claims/browse';
import { claimIdFromHash, claimsPath } from '../lib/claims/links';
import type { Claim } from '../lib/claims/types';
import type { ExtensionApi } from '../lib/settings/client';
import { sourceCount } from './ClaimSummary';
import { ClaimSources } from './SourceLink';
import { VerdictBadge } from './VerdictBadge';

/** How many claims one page of the list shows (more on "Show more"). */
export const PAGE_SIZE = 50;

/** Props of {@link ClaimsBrowser}. */
export interface ClaimsBrowserProps {
  api: ExtensionApi;
  /** The page's hash (`#<claim id>` links to one claim). */
  hash: string;
  /** Subscribes to hash changes (the page passes `hashchange`; tests drive it). */
  onHashChange?: (cb: (hash: string) => void) => () => void;
}

const VERDICT_NAMES: Record<VerdictFilter, string> = {
  corroborated: 'Corroborated',
  disputed: 'Disputed',
  'single-source': 'Single source',
  none: 'Fact-checker’s rating',
};

type Filters = Pick<ClaimQuery, 'verdict' | 'outlet' | 'origin' | 'text'>;
type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; page: ClaimPage; originNames: Record<string, string> };

/** One claim with all its sources, each readable in context. */
function ClaimCard({ claim, originName, linked }: { claim: Claim; originName: string; linked?: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (!linked) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [linked, claim.id]);
  return (
    <article
      class={linked ? 'cl-claim-card cl-claim-card-linked' : 'cl-claim-card'}
      aria-labelledby={`t-${claim.id}`}
      ref={ref}
      tabIndex={linked ? -1 : undefined}
    >
      <p class="cl-claim-meta">
        <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
        <span class="cl-muted">
          {sourceCount(claim.sources.length)} · {originName}
        </span>
      </p>
      <h2 id={`t-${claim.id}`} class="cl-claim-card-text">
        {claim.text}
      </h2>
      {claim.title && claim.title !== claim.text && <p class="cl-muted">{claim.title}</p>}
      {claim.caveat && <p class="cl-caveat">{claim.caveat}</p>}
      <ClaimSources claim={claim} />
      <a class="cl-permalink" href={claimsPath(claim.id)}>
        Link to this claim
      </a>
    </article>
  );
}

/**
 * The claims browser: every claim, bundled and imported, with its verdict and sources, filtered by
 * verdict, outlet and pack and by words, a page at a time (the background filters; a pack may hold
 * 100,000 claims). `claims.html#<id>` is a claim's stable link: that claim is shown first.
 */
export function ClaimsBrowser({ api, hash, onHashChange }: ClaimsBrowserProps) {
  const [filters, setFilters] = useState<Filters>({});
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [linkedId, setLinkedId] = useState<string | null>(claimIdFromHash(hash));
  const [linked, setLinked] = useState<Claim | null | undefined>(undefined);
  const seq = useRef(0);

  useEffect(() => onHashChange?.((h) => setLinkedId(claimIdFromHash(h))), [onHashChange]);

  const load = useCallback(
    async (f: Filters, offset: number) => {
      const mine = ++seq.current;
      const res = await api.transport.background('listClaims', { ...f, offset, limit: PAGE_SIZE });
      if (mine !== seq.current) return; // a later filter's answer wins
      if (!res.ok) {
        setList({ status: 'error', message: res.error });
        return;
      }
      setList((prev) =>
        offset > 0 && prev.status === 'ok'
          ? {
              status: 'ok',
              originNames: res.value.originNames,
              page: { ...res.value, claims: [...prev.page.claims, ...res.value.claims] },
            }
          : { status: 'ok', page: res.value, originNames: res.value.originNames },
      );
    },
    [api],
  );

  useEffect(() => void load(filters, 0), [load, filters]);

  useEffect(() => {
    if (linkedId === null) {
      setLinked(null);
      return;
    }
    setLinked(undefined);
    void api.transport.background('listClaims', { id: linkedId, offset: 0, limit: 1 }).then((res) => {
      setLinked(res.ok ? (res.value.claims[0] ?? null) : null);
    });
  }, [api, linkedId]);

  const set = (key: keyof Filters, value: string) =>
    setFilters((f) => {
      const next = { ...f };
      if (value === '') delete next[key];
      else (next as Record<string, string>)[key] = value;
      return next;
    });

  const names = list.status === 'ok' ? list.originNames : {};
  const originName = (c: Claim) => names[c.origin ?? 'seeds'] ?? c.origin ?? 'Bundled index';
  const facets = list.status === 'ok' ? list.page.facets : null;

  return (
    <main class="cl-page cl-claims">
      <header>
        <h1>All claims</h1>
        <p class="cl-muted">
          Every claim Claimlight knows: the bundled index and your imported packs. Nothing here leaves your
          browser.
        </p>
      </header>

      {linkedId !== null && (
        <section aria-label="Linked claim" class="cl-claims-linked">
          {linked === undefined && <p class="cl-muted">Finding the linked claim…</p>}
          {linked === null && (
            <p role="alert">
              No claim has the id “{linkedId}”. It may have come from a pack that was removed.
            </p>
          )}
          {linked && <ClaimCard claim={linked} originName={originName(linked)} linked />}
        </section>
      )}

      <search class="cl-claims-filters" aria-label="Filter claims">
        <label>
          Words
          <input
            type="search"
            value={filters.text ?? ''}
            onInput={(e) => set('text', (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          Verdict
          <select
            value={filters.verdict ?? ''}
            onChange={(e) => set('verdict', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Any verdict</option>
            {facets?.verdicts.map((f) => (
              <option key={f.value} value={f.value}>
                {VERDICT_NAMES[f.value as VerdictFilter] ?? f.value} ({f.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Outlet
          <select
            value={filters.outlet ?? ''}
            onChange={(e) => set('outlet', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Any outlet</option>
            {facets?.outlets.slice(0, 200).map((f) => (
              <option key={f.value} value={f.value}>
                {f.value} ({f.count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select
            value={filters.origin ?? ''}
            onChange={(e) => set('origin', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Bundled and packs</option>
            {facets?.origins.map((f) => (
              <option key={f.value} value={f.value}>
                {names[f.value] ?? f.value} ({f.count})
              </option>
            ))}
          </select>
        </label>
      </search>

      <section aria-labelledby="cl-claims-count">
        <p id="cl-claims-count" class="cl-muted" aria-live="polite">
          {list.status === 'loading'
            ? 'Loading claims…'
            : list.status === 'error'
              ? `Could not list claims: ${list.message}`
              : `${list.page.total} claim${list.page.total === 1 ? '' : 's'}`}
        </p>
        {list.status === 'ok' && (
          <>
            <ol class="cl-claims-list">
              {list.page.claims.map((c) => (
                <li key={c.id}>
                  <ClaimCard claim={c} originName={originName(c)} />
                </li>
              ))}
            </ol>
            {list.page.claims.length < list.page.total && (
              <button
                type="button"
                class="cl-button"
                onClick={() => void load(filters, list.page.claims.length)}
              >
                Show more ({list.page.total - list.page.claims.length} left)
              </button>
            )}
          </>
        )}
      </section>
    </main>
  );
}
