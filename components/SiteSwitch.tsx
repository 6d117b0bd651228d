import type { TabState } from '../lib/messaging/protocol';

/** Props of {@link SiteSwitch}. */
export interface SiteSwitchProps {
  /** The tab's state; null while loading or when the tab is unknown. */
  tab: TabState | null;
  /** Whether a change is being saved (the switch is then inert). */
  busy: boolean;
  onChange(enabled: boolean): void;
}

/**
 * The popup's "On for this site / Off for this site" switch: a real button with `role="switch"`, so it
 * is reachable by Tab and toggled by Enter or Space, and its label always says the current state in
 * words. On pages Claimlight cannot run on it says so instead of offering a switch that does nothing.
 */
export function SiteSwitch({ tab, busy, onChange }: SiteSwitchProps) {
  if (tab === null) return <p class="cl-site cl-muted">Checking this page…</p>;
  if (tab.url === null) return <p class="cl-site cl-muted">Claimlight isn’t running on this page.</p>;
  if (!tab.supported)
    return (
      <p class="cl-site cl-muted">Claimlight can’t run on this page (only web pages and local files).</p>
    );
  const label = tab.enabled ? 'On for this site' : 'Off for this site';
  return (
    <div class="cl-site">
      <button
        type="button"
        role="switch"
        class="cl-switch"
        aria-checked={tab.enabled}
        aria-describedby="cl-site-name"
        disabled={busy}
        onClick={() => onChange(!tab.enabled)}
      >
        <span class="cl-switch-track" aria-hidden="true">
          <span class="cl-switch-thumb" />
        </span>
        <span class="cl-switch-label">{label}</span>
      </button>
      <span id="cl-site-name" class="cl-site-name cl-muted">
        {tab.site === 'file://' ? 'Local files' : tab.site}
      </span>
    </div>
  );
}
