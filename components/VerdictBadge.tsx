import type { Verdict } from '../lib/claims/types';

/** Words a reader sees for each verdict; the icon is redundant with the text, never the only cue. */
const LABELS: Record<Verdict, { label: string; icon: string; title: string }> = {
  corroborated: {
    label: 'Corroborated',
    icon: '✓',
    title: 'Several independent sources report this claim.',
  },
  disputed: { label: 'Disputed', icon: '!', title: 'Sources contradict each other on this claim.' },
  'single-source': {
    label: 'Single source',
    icon: '1',
    title: 'Only one source reports this claim; it has not been corroborated.',
  },
};

/** Props of {@link VerdictBadge}. */
export interface VerdictBadgeProps {
  /** The claim's verdict, or null for pack claims without one of ours. */
  verdict: Verdict | null;
  /** A fact-checker's published rating (packs), shown when there is no verdict of ours. */
  rating?: string;
}

/**
 * The verdict as a badge (corroborated / disputed / single-source), coloured with the semantic
 * `--cl-verdict-*` tokens of `tokens.css`. Text, not colour alone, carries the meaning.
 */
export function VerdictBadge({ verdict, rating }: VerdictBadgeProps) {
  if (verdict === null) {
    const text = rating?.trim() ? `Rated: ${rating.trim()}` : 'Unrated';
    return (
      <span class="cl-verdict-badge" data-verdict="none" title={text}>
        {text}
      </span>
    );
  }
  const v = LABELS[verdict];
  return (
    <span class="cl-verdict-badge" data-verdict={verdict} title={v.title}>
      <span aria-hidden="true">{v.icon}</span>
      {v.label}
    </span>
  );
}
