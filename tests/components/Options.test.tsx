import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Options } from '../../components/Options';
import { parseClaimReviewPack } from '../../lib/claims/claimreview';
import type { Correction } from '../../lib/corrections/schema';
import { addCorrection, loadCorrections, resetCorrectionsItemForTests } from '../../lib/corrections/store';
import { listPacks } from '../../lib/packs/store';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { loadSettings, resetSettingsItemForTests, saveSettings } from '../../lib/settings/storage';
import { bulkPackText } from '../fixtures/bulk-pack';
import { BUNDLE, testApi } from './extension-api';

const packText = readFileSync(path.join(__dirname, '../unit/packs/fixtures/sample-pack.json'), 'utf8');

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
});
afterEach(() => cleanup());

async function renderOptions() {
  render(<Options api={testApi()} />);
  await screen.findByRole('heading', { name: 'Claimlight settings' });
  await screen.findByRole('radio', { name: /On everywhere/ });
}

/** Picks a file in a file input as the user would. */
function chooseFile(input: HTMLElement, name: string, text: string) {
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('Options: where Claimlight runs', () => {
  it('shows and saves the default mode', async () => {
    await renderOptions();
    expect((screen.getByRole('radio', { name: /On everywhere/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /Only on sites I allow/ }));
    await waitFor(async () => expect((await loadSettings()).mode).toBe('allowlist'));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('adds a site as an exception to the mode, switches it, and removes it', async () => {
    await renderOptions();
    fireEvent.input(screen.getByRole('textbox', { name: 'Add a site' }), {
      target: { value: 'https://www.Example.com/news' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Switch off on this site' }));
    const rules = await screen.findByRole('list', { name: 'Site rules' });
    expect(within(rules).getByText('example.com')).toBeTruthy();
    const toggle = within(rules).getByRole('switch', { name: 'Claimlight on example.com' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    await waitFor(async () =>
      expect((await loadSettings()).sites).toEqual([{ site: 'example.com', enabled: false }]),
    );

    fireEvent.click(toggle);
    await waitFor(async () =>
      expect((await loadSettings()).sites).toEqual([{ site: 'example.com', enabled: true }]),
    );
    expect(
      within(rules).getByRole('switch', { name: 'Claimlight on example.com' }).getAttribute('aria-checked'),
    ).toBe('true');

    fireEvent.click(within(rules).getByRole('button', { name: 'Remove the rule for example.com' }));
    await waitFor(async () => expect((await loadSettings()).sites).toEqual([]));
    expect(await screen.findByText('No site rules yet.')).toBeTruthy();
  });

  it('refuses something that is not a site, with a clear message, storing nothing', async () => {
    await renderOptions();
    fireEvent.input(screen.getByRole('textbox', { name: 'Add a site' }), {
      target: { value: 'chrome://settings' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Switch off on this site' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/is not a web site Claimlight can run on/);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('follows changes made elsewhere (the popup’s switch)', async () => {
    await renderOptions();
    await saveSettings({ ...DEFAULT_SETTINGS, sites: [{ site: 'news.example.org', enabled: false }] });
    expect(await screen.findByText('news.example.org')).toBeTruthy();
  });
});

describe('Options: highlights and sensitivity', () => {
  it('saves the highlight style', async () => {
    await renderOptions();
    fireEvent.click(screen.getByRole('radio', { name: /Underline/ }));
    await waitFor(async () => expect((await loadSettings()).highlightStyle).toBe('underline'));
  });

  it('saves the match sensitivity', async () => {
    await renderOptions();
    const slider = screen.getByRole('slider', { name: 'Match sensitivity' }) as HTMLInputElement;
    expect(slider.value).toBe('0.5');
    fireEvent.change(slider, { target: { value: '0.8' } });
    await waitFor(async () => expect((await loadSettings()).sensitivity).toBe(0.8));
  });
});

describe('Options: changes made at the same moment elsewhere', () => {
  it('keeps a site switched in the popup while the options page changes the sensitivity', async () => {
    // One background (one api) serves both pages, as in the extension.
    const api = testApi();
    render(<Options api={api} />);
    await screen.findByRole('slider', { name: 'Match sensitivity' });
    const slider = screen.getByRole('slider', { name: 'Match sensitivity' });
    // The popup's switch and the options page's slider, at the same moment: the page's copy of the
    // settings does not have the popup's rule yet.
    const popup = api.transport.background('setSiteEnabled', {
      url: 'https://news.example.org/a',
      enabled: false,
    });
    fireEvent.change(slider, { target: { value: '0.8' } });
    expect((await popup).ok).toBe(true);
    await waitFor(async () => {
      const stored = await loadSettings();
      expect(stored.sensitivity).toBe(0.8);
      expect(stored.sites).toEqual([{ site: 'news.example.org', enabled: false }]);
    });
  });

  it('does not flip a choice back while it is saved, when another page’s change arrives first', async () => {
    const api = testApi();
    // Hold the options page's own write until the popup's change has been stored and broadcast.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const background = api.transport.background;
    api.transport.background = (async (type: string, data: unknown) => {
      if (type === 'updateSettings') await held;
      return (background as (t: string, d: unknown) => Promise<unknown>)(type, data);
    }) as typeof background;
    render(<Options api={api} />);
    const underline = await screen.findByRole('radio', { name: /Underline/ });
    fireEvent.click(underline);
    expect((underline as HTMLInputElement).checked).toBe(true);
    // The popup switches a site: the broadcast carries the stored style, still "colour".
    expect(
      (await background('setSiteEnabled', { url: 'https://news.example.org/a', enabled: false })).ok,
    ).toBe(true);
    await screen.findByText('news.example.org');
    expect((screen.getByRole('radio', { name: /Underline/ }) as HTMLInputElement).checked).toBe(true);
    release();
    await waitFor(async () => expect((await loadSettings()).highlightStyle).toBe('underline'));
    expect((screen.getByRole('radio', { name: /Underline/ }) as HTMLInputElement).checked).toBe(true);
    expect((await loadSettings()).sites).toEqual([{ site: 'news.example.org', enabled: false }]);
  });
});

describe('Options: claim packs', () => {
  it('imports a ClaimReview file, shows its claim and skipped counts, and removes it', async () => {
    await renderOptions();
    expect(screen.getByText('No packs imported.')).toBeTruthy();
    chooseFile(screen.getByLabelText('Import a ClaimReview file'), 'sample-pack.json', packText);
    expect(await screen.findByText('Imported sample-pack.json: 3 claims; 2 items skipped.')).toBeTruthy();
    const packs = screen.getByRole('list', { name: 'Imported claim packs' });
    expect(within(packs).getByText('3 claims, 2 skipped')).toBeTruthy();
    expect(within(packs).getByText('item 3: no claimReviewed text')).toBeTruthy();
    expect((await listPacks()).map((p) => p.claimCount)).toEqual([3]);

    fireEvent.click(within(packs).getByRole('button', { name: 'Remove the pack sample-pack.json' }));
    expect(await screen.findByText('Removed sample-pack.json.')).toBeTruthy();
    expect(screen.getByText('No packs imported.')).toBeTruthy();
    expect(await listPacks()).toEqual([]);
  });

  it('shows a progress bar while a large pack is prepared', async () => {
    await renderOptions();
    chooseFile(screen.getByLabelText('Import a ClaimReview file'), 'bulk.json', bulkPackText(10_000));
    const bar = (await screen.findByRole('progressbar', { name: 'Import progress' })) as HTMLProgressElement;
    await waitFor(() => expect(bar.max).toBe(10_000), { timeout: 10_000 });
    expect(
      await screen.findByText('Imported bulk.json: 10,000 claims.', {}, { timeout: 20_000 }),
    ).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows a bad file’s error clearly and loses nothing the user saved', async () => {
    await saveSettings({
      ...DEFAULT_SETTINGS,
      mode: 'allowlist',
      sites: [{ site: 'example.com', enabled: true }],
    });
    await renderOptions();
    const input = screen.getByLabelText('Import a ClaimReview file');
    chooseFile(input, 'sample-pack.json', packText);
    await screen.findByText(/Imported sample-pack\.json/);
    chooseFile(input, 'broken.json', '{"@type": "DataFeed", "dataFeedElement": [');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Import failed\. broken\.json: not a JSON file .*Nothing was changed\.$/,
    );
    expect(
      within(screen.getByRole('list', { name: 'Imported claim packs' })).getByText('sample-pack.json'),
    ).toBeTruthy();
    expect((await listPacks()).length).toBe(1);
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      mode: 'allowlist',
      sites: [{ site: 'example.com', enabled: true }],
    });
  });
});

describe('Options: export', () => {
  it('saves the bundled claim index as a ClaimReview file that imports back as the same claims', async () => {
    const api = testApi();
    const saved: { name: string; text: string }[] = [];
    api.saveFile = (name, text) => {
      saved.push({ name, text });
    };
    render(<Options api={api} />);
    await screen.findByRole('heading', { name: 'Claimlight settings' });
    fireEvent.click(await screen.findByRole('button', { name: 'Export the claim index' }));
    expect(await screen.findByText('Saved claimlight-index.claimreview.json.')).toBeTruthy();
    expect(saved.map((s) => s.name)).toEqual(['claimlight-index.claimreview.json']);
    const back = parseClaimReviewPack(JSON.parse(saved[0]?.text ?? 'null'), 'back');
    expect(back.claims.map((c) => [c.id, c.text, c.verdict])).toEqual(
      BUNDLE.index.claims.map((c) => [c.id, c.text, c.verdict]),
    );
  });
});

describe('Options: corrections', () => {
  const correction = (over: Partial<Correction>): Correction => ({
    id: 'k1',
    claimId: 'c-dam',
    claimText: 'The river dam burst after three days of heavy rain in the northern valley',
    sentence: 'The dam <b>burst</b> after rain, the mayor said.',
    kind: 'wrong-match',
    stance: 'supports',
    page: 'https://news.example/story',
    at: Date.UTC(2024, 10, 2),
    ...over,
  });

  beforeEach(() => resetCorrectionsItemForTests());

  it('says so when there are none, and offers no export', async () => {
    await renderOptions();
    expect(await screen.findByText(/^No corrections\./)).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Export as test cases (JSON)' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('lists them newest first with claim, sentence (as text), kind and date; Undo removes one', async () => {
    await addCorrection(correction({ id: 'a' }));
    await addCorrection(
      correction({
        id: 'b',
        claimId: 'c-zoo',
        claimText: 'The zoo welcomed twin panda cubs born in the spring',
        sentence: 'The zoo denied the cubs were born there.',
        kind: 'wrong-stance',
        at: Date.UTC(2024, 10, 3),
      }),
    );
    await renderOptions();
    const list = await screen.findByRole('list', { name: 'Corrections' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('The zoo welcomed twin panda cubs'),
      expect.stringContaining('The river dam burst'),
    ]);
    expect(items[0]?.textContent).toContain('Wrong stance (shown: supports)');
    expect(items[0]?.textContent).toContain(new Date(Date.UTC(2024, 10, 3)).toLocaleDateString());
    expect(items[1]?.textContent).toContain('Wrong match');
    // A page's sentence is text, never markup.
    expect(items[1]?.textContent).toContain('The dam <b>burst</b> after rain');
    expect(list.querySelector('b')).toBeNull();

    fireEvent.click(within(list).getByRole('button', { name: /^Undo the correction of “The dam/ }));
    await waitFor(async () => expect((await loadCorrections()).map((c) => c.id)).toEqual(['b']));
    expect(await screen.findByText(/^Undone: the highlight is back/)).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });

  it('exports them as test cases in the evaluation sets’ shape', async () => {
    await addCorrection(correction({ id: 'a' }));
    const api = testApi();
    const saved: { name: string; text: string; type?: string }[] = [];
    api.saveFile = (name, text, type) => {
      saved.push({ name, text, type });
    };
    render(<Options api={api} />);
    await screen.findByRole('list', { name: 'Corrections' });
    fireEvent.click(screen.getByRole('button', { name: 'Export as test cases (JSON)' }));
    expect(await screen.findByText('Saved claimlight-corrections.eval.json.')).toBeTruthy();
    expect(saved[0]?.type).toBe('application/json');
    expect(JSON.parse(saved[0]?.text ?? 'null').items).toEqual([
      {
        sentence: 'The dam <b>burst</b> after rain, the mayor said.',
        expect: null,
        claim: 'c-dam',
        style: 'reader-wrong-match',
      },
    ]);
  });
});
