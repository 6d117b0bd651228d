import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ClaimsBrowser } from '../../components/ClaimsBrowser';
import { resetSettingsItemForTests } from '../../lib/settings/storage';
import { testApi } from './extension-api';

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => cleanup());

const cards = () => screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent);

describe('ClaimsBrowser', () => {
  it('lists every claim with its verdict, sources and links to read each source in context', async () => {
    render(<ClaimsBrowser api={testApi()} hash="" />);
    expect((await screen.findByText('3 claims')).textContent).toBe('3 claims');
    expect(cards()).toHaveLength(3);
    const dam = screen.getAllByRole('article')[0] as HTMLElement;
    expect(dam.textContent).toContain('Corroborated');
    expect(dam.textContent).toContain('Wire One, 2024-10-10');
    const read = within(dam).getAllByRole('link', { name: 'Read in context' });
    expect(read.map((a) => a.getAttribute('href'))).toEqual([
      '/reader.html?seed=a.txt&claim=c-dam',
      '/reader.html?seed=b.txt&claim=c-dam',
    ]);
    expect(within(dam).getByRole('link', { name: 'Link to this claim' }).getAttribute('href')).toBe(
      '/claims.html#c-dam',
    );
  });

  it('filters by verdict and words', async () => {
    render(<ClaimsBrowser api={testApi()} hash="" />);
    await screen.findByText('3 claims');
    fireEvent.change(screen.getByRole('combobox', { name: /Verdict/ }), { target: { value: 'disputed' } });
    await screen.findByText('1 claim');
    expect(cards()).toEqual(['The city council approved the new suspension bridge over the harbour']);
    fireEvent.change(screen.getByRole('combobox', { name: /Verdict/ }), { target: { value: '' } });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Words' }), { target: { value: 'panda' } });
    await waitFor(() => expect(cards()).toEqual(['The zoo welcomed twin panda cubs born in the spring']));
  });

  it('filters by pack, and links pack claims to their fact-check (http(s) only)', async () => {
    const api = testApi();
    const text = readFileSync(path.join(__dirname, '../unit/packs/fixtures/sample-pack.json'), 'utf8');
    const imported = await api.transport.background('importPack', { fileName: 'sample-pack.json', text });
    expect(imported.ok).toBe(true);
    render(<ClaimsBrowser api={api} hash="" />);
    await screen.findByText(/\d+ claims/);
    const source = screen.getByRole('combobox', { name: /Source/ });
    const packOption = within(source)
      .getAllByRole('option')
      .find((o) => o.textContent?.startsWith('sample-pack')) as HTMLOptionElement;
    expect(packOption).toBeTruthy();
    fireEvent.change(source, { target: { value: packOption.value } });
    await waitFor(() =>
      expect(screen.queryByText('The zoo welcomed twin panda cubs born in the spring')).toBeNull(),
    );
    for (const a of screen.queryAllByRole('link', { name: 'Read the fact-check' }))
      expect(a.getAttribute('href')).toMatch(/^https?:/);
    expect(screen.queryAllByRole('link', { name: 'Read in context' })).toHaveLength(0);
  });

  it('shows the claim of a #id link first, and follows the hash', async () => {
    let follow: (hash: string) => void = () => undefined;
    render(
      <ClaimsBrowser
        api={testApi()}
        hash="#c-zoo"
        onHashChange={(cb) => {
          follow = cb;
          return () => undefined;
        }}
      />,
    );
    const linked = await screen.findByRole('region', { name: 'Linked claim' });
    await waitFor(() => expect(linked.textContent).toContain('twin panda cubs'));
    follow('#c-dam');
    await waitFor(() => expect(linked.textContent).toContain('The river dam burst'));
    follow('#c-gone');
    expect((await within(linked).findByRole('alert')).textContent).toMatch(/No claim has the id “c-gone”/);
  });
});
