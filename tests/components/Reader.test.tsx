import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Reader } from '../../components/Reader';
import { readerPath } from '../../lib/claims/links';
import { resetSettingsItemForTests } from '../../lib/settings/storage';
import { testApi } from './extension-api';

beforeEach(() => {
  fakeBrowser.reset();
  resetSettingsItemForTests();
  // happy-dom lays nothing out; the reader scrolls its quote into view.
  Element.prototype.scrollIntoView = vi.fn();
});
afterEach(() => cleanup());

const search = (path: string) => path.slice(path.indexOf('?'));

describe('Reader', () => {
  it('shows the article cleanly with the opened claim’s quote marked, focused and scrolled to', async () => {
    render(<Reader api={testApi()} search={search(readerPath('a.txt', 'c-bridge'))} />);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Storms, bridges and pandas: the week in the valley',
      }),
    ).toBeTruthy();
    expect(screen.getByText(/Wire One · 10 October 2024/)).toBeTruthy();
    const focus = document.getElementById('cl-focus') as HTMLElement;
    expect(focus.tagName).toBe('MARK');
    expect(focus.textContent).toBe(
      'The city council approved the new suspension bridge over the harbour, officials said on Thursday.',
    );
    expect(document.activeElement).toBe(focus);
    expect(focus.scrollIntoView).toHaveBeenCalled();
    // The claim it was opened for, with its verdict and a link to all its sources.
    const opened = screen.getByRole('region', { name: 'The claim you opened' });
    expect(opened.textContent).toContain('Disputed');
    expect(within(opened).getByRole('link', { name: 'All sources of this claim' }).getAttribute('href')).toBe(
      '/claims.html#c-bridge',
    );
  });

  it('marks every other claim of the article in the margin, numbered as in the text', async () => {
    render(<Reader api={testApi()} search={search(readerPath('a.txt', 'c-dam'))} />);
    const margins = await screen.findAllByRole('complementary', { name: /^Claims in paragraph \d+$/ });
    expect(margins).toHaveLength(3);
    const notes = margins.map((m) => within(m).getByRole('link').textContent);
    expect(notes).toEqual([
      'The river dam burst after three days of heavy rain in the northern valley',
      'The city council approved the new suspension bridge over the harbour',
      'The zoo welcomed twin panda cubs born in the spring',
    ]);
    expect(screen.getAllByRole('link', { name: /^Claim \d$/ }).map((a) => a.getAttribute('href'))).toEqual([
      '#cl-note-1',
      '#cl-note-2',
      '#cl-note-3',
    ]);
    // Page text stays text: nothing was parsed as HTML.
    expect(document.querySelectorAll('script, img, iframe')).toHaveLength(0);
  });

  it('says so when the article is not bundled, or the claim is not quoted from it', async () => {
    render(<Reader api={testApi()} search="?seed=missing.txt" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/can’t be shown: no such article/);
    cleanup();
    render(<Reader api={testApi()} search={search(readerPath('a.txt', 'c-nope'))} />);
    expect((await screen.findByRole('status')).textContent).toMatch(/not quoted from this article/);
    cleanup();
    render(<Reader api={testApi()} search="" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/No article/);
  });
});
