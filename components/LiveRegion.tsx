/** Props of {@link LiveRegion}. */
export interface LiveRegionProps {
  /** What to announce now ('' between announcements). */
  text: string;
}

/**
 * The overlay's polite live region: screen readers read what changes in it ("3 claims on this page",
 * "Claim 2 of 5", "Claimlight off for example.com") without moving focus. Always rendered while the
 * overlay is, so a change is a change to a region already in the page (see `announce` in
 * lib/page/overlay.ts); visually hidden, not `display: none`, which would hide it from screen readers too.
 */
export function LiveRegion({ text }: LiveRegionProps) {
  return (
    <div class="cl-live" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

/** Visually hidden, still read. */
export const liveRegionCss = `
.cl-live {
  position: fixed; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0;
}
`;
