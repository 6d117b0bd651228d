import { useEffect, useRef, useState } from 'preact/hooks';
import type { Correction } from '../lib/corrections/schema';
import type { PackInfo } from '../lib/packs/types';
import { applySettingsChange, type SettingsChange } from '../lib/settings/changes';
import type { ExtensionApi } from '../lib/settings/client';
import type { DefaultMode, HighlightStyle, Settings } from '../lib/settings/schema';
import { normalizeSiteKey } from '../lib/settings/site-rules';

/** Props of {@link Options}. */
export interface OptionsProps {
  api: ExtensionApi;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string };

const MODES: { value: DefaultMode; label: string; hint: string }[] = [
  { value: 'everywhere', label: 'On everywhere', hint: 'except on sites you switch off' },
  { value: 'allowlist', label: 'Only on sites I allow', hint: 'off unless you switch a site on' },
];

const STYLES: { value: HighlightStyle; label: string }[] = [
  { value: 'colour', label: 'Colour (a tinted background)' },
  { value: 'underline', label: 'Underline (for pages where colour gets in the way)' },
];

function StatusLine({ status, id }: { status: Status; id: string }) {
  if (status.kind === 'idle') return <p id={id} class="cl-status" role="status" />;
  return (
    <p
      id={id}
      class={`cl-status cl-status-${status.kind}`}
      role={status.kind === 'error' ? 'alert' : 'status'}
    >
      {status.message}
    </p>
  );
}

function claimsLabel(n: number): string {
  return `${n.toLocaleString('en')} claim${n === 1 ? '' : 's'}`;
}

/**
 * The options page: the site list (add, remove, switch), the default mode, the highlight style, the match
 * sensitivity, and claim packs (import a ClaimReview JSON file, read locally and never uploaded; remove).
 * Every change is saved at once through the background, which validates it; what is shown is what the
 * background stored, so the page can never drift from the real settings.
 */
export function Options({ api }: OptionsProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveStatus, setSaveStatus] = useState<Status>({ kind: 'idle' });
  const [siteInput, setSiteInput] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const [packs, setPacks] = useState<PackInfo[]>([]);
  const [packStatus, setPackStatus] = useState<Status>({ kind: 'idle' });
  const [importProgress, setImportProgress] = useState<{ done: number; total: number } | null>(null);
  const [exportStatus, setExportStatus] = useState<Status>({ kind: 'idle' });
  /** This page's changes sent and not yet answered. */
  const pending = useRef<SettingsChange[]>([]);
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [correctionStatus, setCorrectionStatus] = useState<Status>({ kind: 'idle' });

  const undoCorrection = async (c: Correction) => {
    const res = await api.transport.background('removeCorrection', { id: c.id });
    if (res.ok) {
      setCorrections(res.value.corrections);
      setCorrectionStatus({
        kind: 'ok',
        message: 'Undone: the highlight is back when the page is next loaded.',
      });
    } else setCorrectionStatus({ kind: 'error', message: `Could not undo: ${res.error}` });
  };

  const exportCorrections = async () => {
    const res = await api.transport.background('exportCorrections', null);
    if (!res.ok) {
      setCorrectionStatus({ kind: 'error', message: `Could not export: ${res.error}` });
      return;
    }
    api.saveFile(res.value.fileName, res.value.text, 'application/json');
    setCorrectionStatus({ kind: 'ok', message: `Saved ${res.value.fileName}.` });
  };

  const exportIndex = async () => {
    setExportStatus({ kind: 'busy', message: 'Preparing the file…' });
    const res = await api.transport.background('exportIndex', null);
    if (!res.ok) {
      setExportStatus({ kind: 'error', message: `Could not export: ${res.error}` });
      return;
    }
    api.saveFile(res.value.fileName, res.value.text);
    setExportStatus({ kind: 'ok', message: `Saved ${res.value.fileName}.` });
  };

  useEffect(() => {
    void api.transport.background('getSettings', null).then((res) => {
      if (res.ok) setSettings(res.value.settings);
      else setLoadError(res.error);
    });
    void api.transport.background('listPacks', null).then((res) => {
      if (res.ok) setPacks(res.value.packs);
    });
    void api.transport.background('listCorrections', null).then((res) => {
      if (res.ok) setCorrections(res.value.corrections);
    });
    // The popup may switch a site while this page is open: show the stored truth, with this page's own
    // changes still on their way over it (else a radio just clicked would flip back until its write lands).
    return api.onSettingsChanged((stored) =>
      setSettings(pending.current.reduce(applySettingsChange, stored)),
    );
  }, [api]);

  // Each control sends what the user changed, not the page's copy of all settings, so a change made
  // meanwhile in the popup survives (see lib/settings/changes.ts).
  const save = async (change: SettingsChange, message = 'Saved.') => {
    pending.current = [...pending.current, change];
    setSettings((current) => (current ? applySettingsChange(current, change) : current));
    const res = await api.transport.background('updateSettings', { changes: [change] });
    pending.current = pending.current.filter((c) => c !== change);
    if (res.ok) {
      setSettings(pending.current.reduce(applySettingsChange, res.value.settings));
      setSaveStatus({ kind: 'ok', message });
      return;
    }
    setSaveStatus({ kind: 'error', message: `Not saved: ${res.error}` });
    // Show what is stored, not the change that failed.
    const stored = await api.transport.background('getSettings', null);
    if (stored.ok) setSettings(pending.current.reduce(applySettingsChange, stored.value.settings));
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setPackStatus({ kind: 'busy', message: `Importing ${file.name}…` });
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setPackStatus({
        kind: 'error',
        message: `Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    // The background prepares the pack in slices; ask it how far it is while it works.
    let polling = true;
    const poll = async () => {
      while (polling) {
        const p = await api.transport.background('getImportProgress', null);
        if (!polling) break;
        if (p.ok && p.value.progress && p.value.progress.total > 0)
          setImportProgress({ done: p.value.progress.done, total: p.value.progress.total });
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    void poll();
    let res: Awaited<ReturnType<typeof api.transport.background<'importPack'>>>;
    try {
      res = await api.transport.background('importPack', { fileName: file.name, text });
    } finally {
      polling = false;
      setImportProgress(null);
    }
    input.value = '';
    if (!res.ok) {
      setPackStatus({ kind: 'error', message: `Import failed. ${res.error}. Nothing was changed.` });
      return;
    }
    setPacks(res.value.packs);
    const { pack } = res.value;
    const skipped = pack.skipped > 0 ? `; ${pack.skipped} item${pack.skipped === 1 ? '' : 's'} skipped` : '';
    setPackStatus({
      kind: 'ok',
      message: `Imported ${pack.name}: ${claimsLabel(pack.claimCount)}${skipped}.`,
    });
  };

  const removePack = async (pack: PackInfo) => {
    const res = await api.transport.background('removePack', { packId: pack.id });
    if (res.ok) {
      setPacks(res.value.packs);
      setPackStatus({ kind: 'ok', message: `Removed ${pack.name}.` });
    } else setPackStatus({ kind: 'error', message: `Could not remove ${pack.name}: ${res.error}` });
  };

  if (loadError)
    return (
      <main class="cl-options">
        <h1>Claimlight settings</h1>
        <p role="alert">Could not load the settings: {loadError}</p>
      </main>
    );
  if (settings === null)
    return (
      <main class="cl-options">
        <h1>Claimlight settings</h1>
        <p class="cl-muted">Loading…</p>
      </main>
    );

  const addSite = (e: Event) => {
    e.preventDefault();
    const key = normalizeSiteKey(siteInput);
    if (key === null) {
      setSiteError(
        `“${siteInput.trim()}” is not a web site Claimlight can run on. Try a name like example.com.`,
      );
      return;
    }
    // A new rule is the exception to the default mode: off when on everywhere, on when only allowed sites.
    const enabled = settings.mode === 'allowlist';
    setSiteError(null);
    setSiteInput('');
    void save({ kind: 'siteRule', site: key, enabled }, `${key} is now ${enabled ? 'on' : 'off'}.`);
  };

  return (
    <main class="cl-options">
      <h1>Claimlight settings</h1>
      <StatusLine status={saveStatus} id="cl-save-status" />

      <section aria-labelledby="cl-mode-h">
        <h2 id="cl-mode-h">Where Claimlight runs</h2>
        <fieldset>
          <legend>Default for sites without a rule</legend>
          {MODES.map((m) => (
            <label key={m.value} class="cl-choice">
              <input
                type="radio"
                name="mode"
                value={m.value}
                checked={settings.mode === m.value}
                onChange={() => void save({ kind: 'mode', value: m.value })}
              />
              {m.label} <span class="cl-muted">({m.hint})</span>
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="cl-sites-h">
        <h2 id="cl-sites-h">Sites</h2>
        <p class="cl-muted">A rule for a site also covers its subdomains; www. does not matter.</p>
        {settings.sites.length === 0 ? (
          <p class="cl-muted">No site rules yet.</p>
        ) : (
          <ul class="cl-site-list" aria-label="Site rules">
            {settings.sites.map((rule) => (
              <li key={rule.site}>
                <span class="cl-site-key">
                  {rule.site === 'file://' ? 'Local files (file://)' : rule.site}
                </span>
                <button
                  type="button"
                  role="switch"
                  class="cl-switch"
                  aria-checked={rule.enabled}
                  aria-label={`Claimlight on ${rule.site}`}
                  onClick={() => void save({ kind: 'siteRule', site: rule.site, enabled: !rule.enabled })}
                >
                  <span class="cl-switch-track" aria-hidden="true">
                    <span class="cl-switch-thumb" />
                  </span>
                  <span>{rule.enabled ? 'On' : 'Off'}</span>
                </button>
                <button
                  type="button"
                  class="cl-remove"
                  aria-label={`Remove the rule for ${rule.site}`}
                  onClick={() =>
                    void save({ kind: 'removeSiteRule', site: rule.site }, `Removed ${rule.site}.`)
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="cl-add-site" onSubmit={addSite}>
          <label for="cl-add-site">Add a site</label>
          <input
            id="cl-add-site"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="example.com"
            value={siteInput}
            aria-describedby="cl-add-site-error"
            aria-invalid={siteError !== null}
            onInput={(e) => setSiteInput((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">
            {settings.mode === 'allowlist' ? 'Allow this site' : 'Switch off on this site'}
          </button>
          <p id="cl-add-site-error" class="cl-status cl-status-error" role={siteError ? 'alert' : undefined}>
            {siteError ?? ''}
          </p>
        </form>
      </section>

      <section aria-labelledby="cl-style-h">
        <h2 id="cl-style-h">Highlights</h2>
        <fieldset>
          <legend>Highlight style</legend>
          {STYLES.map((s) => (
            <label key={s.value} class="cl-choice">
              <input
                type="radio"
                name="highlightStyle"
                value={s.value}
                checked={settings.highlightStyle === s.value}
                onChange={() => void save({ kind: 'highlightStyle', value: s.value })}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        <label for="cl-sensitivity" class="cl-range-label">
          Match sensitivity
        </label>
        <div class="cl-range">
          <span class="cl-muted" aria-hidden="true">
            Strict
          </span>
          <input
            id="cl-sensitivity"
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={settings.sensitivity}
            aria-valuetext={`${Math.round(settings.sensitivity * 100)}%`}
            aria-describedby="cl-sensitivity-hint"
            onChange={(e) =>
              void save({ kind: 'sensitivity', value: Number((e.currentTarget as HTMLInputElement).value) })
            }
          />
          <span class="cl-muted" aria-hidden="true">
            Loose
          </span>
        </div>
        <p id="cl-sensitivity-hint" class="cl-muted">
          Higher finds looser paraphrases of a claim, and more false matches; lower finds only close
          restatements.
        </p>
      </section>

      <section aria-labelledby="cl-export-h">
        <h2 id="cl-export-h">Export</h2>
        <p class="cl-muted">
          The bundled claims with their sources and verdicts, as schema.org ClaimReview JSON-LD (the format
          fact-checkers publish; it imports back as a pack). Made on this computer.
        </p>
        <button type="button" aria-describedby="cl-export-status" onClick={() => void exportIndex()}>
          Export the claim index
        </button>
        <StatusLine status={exportStatus} id="cl-export-status" />
      </section>

      <section aria-labelledby="cl-corrections-h">
        <h2 id="cl-corrections-h">Corrections</h2>
        <p class="cl-muted">
          Highlights you marked as a wrong match or with the wrong stance, hidden on their page. Kept on this
          computer only; export them as test cases to help improve the matching.
        </p>
        {corrections.length === 0 ? (
          <p class="cl-muted">
            No corrections. In a highlight’s popover, “Wrong match” or “Wrong stance” hides it on that page.
          </p>
        ) : (
          <ul class="cl-correction-list" aria-label="Corrections">
            {[...corrections].reverse().map((c) => (
              <li key={c.id}>
                <div>
                  <p class="cl-correction-claim">{c.claimText}</p>
                  <blockquote class="cl-correction-sentence">{c.sentence}</blockquote>
                  <p class="cl-muted">
                    {c.kind === 'wrong-match'
                      ? 'Wrong match'
                      : `Wrong stance (shown: ${c.stance === 'supports' ? 'supports' : 'contradicts'})`}{' '}
                    · {new Date(c.at).toLocaleDateString()} · <span class="cl-correction-page">{c.page}</span>
                  </p>
                </div>
                <button
                  type="button"
                  class="cl-remove"
                  aria-label={`Undo the correction of “${c.sentence.slice(0, 80)}”`}
                  onClick={() => void undoCorrection(c)}
                >
                  Undo
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          aria-describedby="cl-corrections-status"
          disabled={corrections.length === 0}
          onClick={() => void exportCorrections()}
        >
          Export as test cases (JSON)
        </button>
        <StatusLine status={correctionStatus} id="cl-corrections-status" />
      </section>

      <section aria-labelledby="cl-packs-h">
        <h2 id="cl-packs-h">Claim packs</h2>
        <p class="cl-muted">
          Add fact-checks published as ClaimReview JSON. The file is read on this computer and never uploaded.
        </p>
        <label for="cl-pack-file">Import a ClaimReview file</label>
        <input
          id="cl-pack-file"
          type="file"
          accept=".json,.jsonld,application/json,application/ld+json"
          aria-describedby="cl-pack-status"
          onChange={(e) => void importFile(e.currentTarget as HTMLInputElement)}
        />
        <StatusLine status={packStatus} id="cl-pack-status" />
        {packStatus.kind === 'busy' && (
          <progress
            class="cl-import-progress"
            aria-label="Import progress"
            max={importProgress?.total ?? undefined}
            value={importProgress?.done ?? undefined}
          >
            {importProgress ? `${importProgress.done} of ${importProgress.total} claims` : ''}
          </progress>
        )}
        {packs.length === 0 ? (
          <p class="cl-muted">No packs imported.</p>
        ) : (
          <ul class="cl-pack-list" aria-label="Imported claim packs">
            {packs.map((p) => (
              <li key={p.id}>
                <div>
                  <strong>{p.name}</strong>{' '}
                  <span class="cl-pack-counts">
                    {claimsLabel(p.claimCount)}
                    {p.skipped > 0 ? `, ${p.skipped} skipped` : ''}
                  </span>
                  <span class="cl-muted"> · imported {new Date(p.importedAt).toLocaleDateString()}</span>
                </div>
                {p.skipped > 0 && (
                  <details>
                    <summary>
                      Why {p.skipped === 1 ? 'an item was' : `${p.skipped} items were`} skipped
                    </summary>
                    <ul>
                      {p.skippedReasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                      {p.skipped > p.skippedReasons.length && (
                        <li>…and {p.skipped - p.skippedReasons.length} more</li>
                      )}
                    </ul>
                  </details>
                )}
                <button
                  type="button"
                  class="cl-remove"
                  aria-label={`Remove the pack ${p.name}`}
                  onClick={() => void removePack(p)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
