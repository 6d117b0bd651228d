import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { claimsPath, readerParams } from '../lib/claims/links';
import type { Claim } from '../lib/claims/types';
import { type ArticleMark, articleMarks, lineSegments, type ReaderArticle } from '../lib/reader/article';
import type { ExtensionApi } from '../lib/settings/client';
import { VerdictBadge } from './VerdictBadge';

/** Props of {@link Reader}. */
export interface ReaderProps {
  api: ExtensionApi;
  /** The page's query string: `?seed=<article>&claim=<id>`. */
  search: string;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; article: ReaderArticle; claims: Claim[] };

/** "Kyiv Post · 14 October 2024", from what the article tells. */
function byline(article: ReaderArticle): string {
  const date = article.date
    ? new Date(`${article.date}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : null;
  return [article.outlet ?? 'Outlet not named in the article', date ?? 'date unknown'].join(' · ');
}

/**
 * The source reader: one bundled article shown cleanly (headline, outlet, date, its text without page
 * chrome), the quote of the claim it was opened for highlighted and scrolled into view, and every other
 * claim the article backs or contradicts marked in the margin beside its paragraph. All from the bundle,
 * offline. Text is rendered as text (never HTML); marks are computed in lib/reader/article.ts.
 */
export function Reader({ api, search }: ReaderProps) {
  const { seed, claimId } = readerParams(search);
  const [state, setState] = useState<State>({ status: 'loading' });
  const focusRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!seed) {
      setState({ status: 'error', message: 'No article was asked for.' });
      return;
    }
    void api.transport.background('getArticle', { seed }).then((res) => {
      setState(
        res.ok
          ? { status: 'ok', article: res.value.article, claims: res.value.claims }
          : { status: 'error', message: `This article can’t be shown: ${res.error}` },
      );
    });
  }, [api, seed]);

  const ready = state.status === 'ok';
  useLayoutEffect(() => {
    if (!ready) return;
    const el = focusRef.current;
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [ready]);

  if (state.status === 'loading')
    return (
      <main class="cl-page cl-reader" aria-busy="true">
        <p class="cl-muted">Opening the article…</p>
      </main>
    );
  if (state.status === 'error')
    return (
      <main class="cl-page cl-reader">
        <h1>Source reader</h1>
        <p role="alert">{state.message}</p>
        <p>
          <a href={claimsPath()}>Browse all claims</a>
        </p>
      </main>
    );

  const { article, claims } = state;
  const marks = articleMarks(article, claims);
  const focused = claims.find((c) => c.id === claimId) ?? null;
  const focusFound = focused !== null && marks.some((m) => m.claimId === focused.id);
  // One number per claim, in the order its first quote appears: the margin's notes and the text's marks.
  const numbers = new Map<string, number>();
  for (const m of marks) if (!numbers.has(m.claimId)) numbers.set(m.claimId, numbers.size + 1);
  const byClaim = new Map(claims.map((c) => [c.id, c]));
  let focusPlaced = false;

  return (
    <main class="cl-page cl-reader">
      <header class="cl-reader-header">
        <p class="cl-reader-kicker">Claimlight source reader</p>
        <h1>{article.headline ?? `Article from ${article.outlet ?? article.seed}`}</h1>
        <p class="cl-muted">
          {byline(article)} · <span class="cl-reader-file">{article.seed}</span>
        </p>
        {focused && (
          <section class="cl-reader-focus" aria-label="The claim you opened">
            <VerdictBadge verdict={focused.verdict} rating={focused.rating} />
            <p>{focused.text}</p>
            <p class="cl-muted">
              {focusFound
                ? 'Its quote is highlighted below.'
                : 'Its quote could not be found in this article’s text.'}{' '}
              <a href={claimsPath(focused.id)}>All sources of this claim</a>
            </p>
          </section>
        )}
        {claimId && !focused && (
          <p role="status" class="cl-muted">
            The claim you followed is not quoted from this article.
          </p>
        )}
      </header>

      <article class="cl-reader-article" aria-label="Article text">
        {article.paragraphs.map((para, p) => {
          const paraMarks = marks.filter((m) => m.paragraph === p);
          const noteIds = [...new Set(paraMarks.map((m) => m.claimId))];
          const Tag = para.subhead ? 'h2' : 'p';
          return (
            <div class="cl-reader-row" key={p}>
              <Tag class={para.subhead ? 'cl-reader-subhead' : 'cl-reader-para'}>
                {para.lines.map((line, l) => {
                  const lineMarks = paraMarks.filter((m) => m.line === l);
                  return (
                    <span class="cl-reader-line" key={l}>
                      {lineSegments(line, lineMarks).map((seg, i) => {
                        if (seg.claimIds.length === 0) return seg.text;
                        const isFocus = focused !== null && seg.claimIds.includes(focused.id);
                        const first = isFocus && !focusPlaced;
                        if (first) focusPlaced = true;
                        // A mark's note number goes after its last piece.
                        const ending = lineMarks.filter((m) => m.end === seg.end);
                        return (
                          <Fragment key={i}>
                            <mark
                              class={isFocus ? 'cl-quote cl-quote-focus' : 'cl-quote'}
                              data-stance={stanceOf(paraMarks, seg.claimIds)}
                              ref={first ? focusRef : undefined}
                              tabIndex={first ? -1 : undefined}
                              id={first ? 'cl-focus' : undefined}
                            >
                              {seg.text}
                            </mark>
                            {ending.map((m) => (
                              <sup class="cl-note-ref" key={`r${m.claimId}`}>
                                <a
                                  href={`#cl-note-${numbers.get(m.claimId)}`}
                                  aria-label={`Claim ${numbers.get(m.claimId)}`}
                                >
                                  {numbers.get(m.claimId)}
                                </a>
                              </sup>
                            ))}
                          </Fragment>
                        );
                      })}
                    </span>
                  );
                })}
              </Tag>
              {noteIds.length > 0 && (
                <aside class="cl-reader-margin" aria-label={`Claims in paragraph ${p + 1}`}>
                  <ol>
                    {noteIds.map((id) => {
                      const claim = byClaim.get(id);
                      if (!claim) return null;
                      const n = numbers.get(id);
                      const conflicts = paraMarks.some((m) => m.claimId === id && m.stance === 'conflicts');
                      return (
                        <li
                          key={id}
                          id={`cl-note-${n}`}
                          value={n}
                          class={focused?.id === id ? 'cl-note cl-note-focus' : 'cl-note'}
                        >
                          <VerdictBadge verdict={claim.verdict} rating={claim.rating} />
                          {conflicts && <span class="cl-note-stance">contradicts it</span>}
                          <a href={claimsPath(id)} class="cl-note-text">
                            {claim.text}
                          </a>
                        </li>
                      );
                    })}
                  </ol>
                </aside>
              )}
            </div>
          );
        })}
      </article>
    </main>
  );
}

/** How a run of text relates to its claims: `conflicts` when every mark over it contradicts its claim. */
function stanceOf(marks: readonly ArticleMark[], claimIds: readonly string[]): string {
  const over = marks.filter((m) => claimIds.includes(m.claimId));
  return over.length > 0 && over.every((m) => m.stance === 'conflicts') ? 'conflicts' : 'supports';
}
