import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Popover, type PopoverItem } from '../../components/Popover';
import type { Claim } from '../../lib/claims/types';

afterEach(cleanup);

const claim: Claim = {
  id: 'c-1',
  text: 'North Korea sent <img src=x onerror=alert(1)> troops.',
  verdict: 'disputed',
  sources: [
    {
      seed: 'a.txt',
      outlet: 'Kyiv Post',
      date: '2024-10-14',
      quote: 'North Korea is sending troops.',
      stance: 'supports',
    },
    {
      seed: 'b.txt',
      outlet: null,
      date: null,
      quote: 'Officials said troops were sent.',
      stance: 'supports',
    },
    {
      seed: 'c.txt',
      outlet: 'Kyiv Independent',
      date: '2024-10-10',
      quote: 'Peskov dismissed the reports as <script>fake</script> news.',
      stance: 'conflicts',
      url: 'javascript:alert(1)',
    },
  ],
};

const item = (over: Partial<PopoverItem> = {}): PopoverItem => ({
  claim,
  stance: 'supports',
  why: ['shared words: north korea, troops', 'same figure: none'],
  sentence: 'North Korea sent troops, the page says.',
  ...over,
});

const anchor = { left: 100, top: 100, width: 300, height: 20 };

describe('Popover', () => {
  it('is a dialog named by the claim, with the verdict and the sources split by stance', () => {
    render(<Popover items={[item()]} anchor={anchor} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: claim.text });
    expect(dialog.textContent).toContain('Disputed');
    const corroborating = screen.getByRole('region', { name: /Corroborating/ });
    const conflicting = screen.getByRole('region', { name: /Conflicting/ });
    expect(corroborating.textContent).toContain('(2)');
    expect(corroborating.textContent).toContain('Kyiv Post');
    expect(corroborating.textContent).toContain('2024-10-14');
    expect(corroborating.textContent).toContain('North Korea is sending troops.');
    expect(corroborating.textContent).toContain('Unnamed outlet');
    expect(conflicting.textContent).toContain('(1)');
    expect(conflicting.textContent).toContain('Kyiv Independent');
    expect(dialog.textContent).toContain('supports the claim');
    expect(dialog.textContent).toContain('shared words: north korea, troops');
  });

  it('says when the page’s sentence contradicts the claim', () => {
    render(<Popover items={[item({ stance: 'conflicts' })]} anchor={anchor} onClose={() => {}} />);
    expect(screen.getByRole('dialog').textContent).toContain('contradicts the claim');
  });

  it('says which part of a two-part claim the sentence states, as text', () => {
    render(
      <Popover
        items={[item({ part: 'up to <b>12,000</b> may be sent' })]}
        anchor={anchor}
        onClose={() => {}}
      />,
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('It states one part of it: up to <b>12,000</b> may be sent');
    expect(dialog.querySelector('q b')).toBeNull();
    render(<Popover items={[item()]} anchor={anchor} onClose={() => {}} />);
    expect(screen.getAllByRole('dialog')[1]?.textContent).not.toContain('one part');
  });

  it('shows who says so for a source whose quote names a speaker, as text', () => {
    const said = {
      ...claim,
      sources: [
        { ...(claim.sources[0] as Claim['sources'][number]), attribution: 'Zelensky <i>said</i> on Sunday' },
        ...claim.sources.slice(1),
      ],
    };
    const { container } = render(
      <Popover items={[item({ claim: said })]} anchor={anchor} onClose={() => {}} />,
    );
    const lines = [...container.querySelectorAll('.cl-attribution')].map((p) => p.textContent);
    expect(lines).toEqual(['Who says so: Zelensky <i>said</i> on Sunday']);
    expect(container.querySelector('.cl-attribution i')).toBeNull();
  });

  it('marks the clause of a two-fact quote that is the claim, leaving the quote whole', () => {
    const quote =
      'Zelensky stated that Russia uses DPRK troops in Ukraine and that up to <b>12,000</b> may be sent.';
    const two = {
      ...claim,
      sources: [
        {
          ...(claim.sources[0] as Claim['sources'][number]),
          quote,
          clause: 'up to <b>12,000</b> may be sent.',
        },
      ],
    };
    const { container } = render(
      <Popover items={[item({ claim: two })]} anchor={anchor} onClose={() => {}} />,
    );
    const block = container.querySelector('blockquote');
    expect(block?.textContent).toBe(quote);
    expect(block?.querySelector('mark')?.textContent).toBe('up to <b>12,000</b> may be sent.');
    expect(block?.querySelector('b')).toBeNull();
  });

  it('renders every string as text, never as HTML, and drops non-http links', () => {
    const { container } = render(<Popover items={[item()]} anchor={anchor} onClose={() => {}} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('takes focus, and closes on Escape, on the close button and on a click outside', async () => {
    const onClose = vi.fn();
    render(<Popover items={[item()]} anchor={anchor} onClose={onClose} />);
    const dialog = screen.getByRole('dialog');
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenLastCalledWith('escape');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenLastCalledWith('button');
    fireEvent.pointerDown(dialog);
    expect(onClose).toHaveBeenCalledTimes(2);
    fireEvent.pointerDown(document.body);
    expect(onClose).toHaveBeenLastCalledWith('outside');
  });

  it('switches between several claims of one sentence', () => {
    const other: Claim = {
      ...claim,
      id: 'c-2',
      text: 'A second claim of the same sentence.',
      verdict: 'corroborated',
    };
    render(<Popover items={[item(), item({ claim: other })]} anchor={anchor} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: '2' }));
    expect(screen.getByRole('dialog', { name: other.text }).textContent).toContain('Corroborated');
  });
});

describe('Popover: reading a source in context', () => {
  it('offers each bundled source in the reader, naming its outlet', () => {
    const onReadSource = vi.fn();
    render(
      <Popover
        items={[item({ claim: { ...claim, origin: 'seeds' } })]}
        anchor={anchor}
        onClose={() => {}}
        onReadSource={onReadSource}
      />,
    );
    const buttons = screen.getAllByRole('button', { name: /^Read in context/ });
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Read in context (Kyiv Post)',
      'Read in context (Unnamed outlet)',
      'Read in context (Kyiv Independent)',
    ]);
    fireEvent.click(buttons[2] as HTMLElement);
    expect(onReadSource).toHaveBeenCalledWith('c-1', 'c.txt');
  });

  it('offers no reader for a pack claim (its sources link to the fact-check instead)', () => {
    render(
      <Popover
        items={[item({ claim: { ...claim, origin: 'pack-x' } })]}
        anchor={anchor}
        onClose={() => {}}
        onReadSource={() => {}}
      />,
    );
    expect(screen.queryAllByRole('button', { name: /^Read in context/ })).toHaveLength(0);
  });
});

describe('Popover: correcting a match', () => {
  it('offers “Wrong match” and “Wrong stance” for the claim shown, with the keyboard too', () => {
    const onCorrect = vi.fn();
    render(<Popover items={[item()]} anchor={anchor} onClose={() => {}} onCorrect={onCorrect} />);
    const group = screen.getByRole('group', { name: 'Correct Claimlight' });
    expect(group.textContent).toContain('Remembered on this computer only.');
    fireEvent.click(screen.getByRole('button', { name: 'Wrong match' }));
    fireEvent.click(screen.getByRole('button', { name: 'Wrong stance' }));
    expect(onCorrect.mock.calls).toEqual([
      ['c-1', 'wrong-match'],
      ['c-1', 'wrong-stance'],
    ]);
    // Native buttons: Enter and Space activate them; each is described by the hint.
    const button = screen.getByRole('button', { name: 'Wrong match' });
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
  });

  it('has no correction buttons where nothing takes them', () => {
    render(<Popover items={[item()]} anchor={anchor} onClose={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Wrong match' })).toBeNull();
  });

  it('ignores clicks while saving, then confirms in a live region in place of the buttons', async () => {
    const onCorrect = vi.fn();
    const { rerender } = render(
      <Popover
        items={[item()]}
        anchor={anchor}
        onClose={() => {}}
        onCorrect={onCorrect}
        correction={{ claimId: 'c-1', kind: 'wrong-match', status: 'saving' }}
      />,
    );
    const button = screen.getByRole('button', { name: 'Wrong match' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(onCorrect).not.toHaveBeenCalled();
    rerender(
      <Popover
        items={[item()]}
        anchor={anchor}
        onClose={() => {}}
        onCorrect={onCorrect}
        correction={{ claimId: 'c-1', kind: 'wrong-match', status: 'done' }}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Hidden on this page — undo in Options');
    expect(screen.queryByRole('button', { name: 'Wrong match' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('dialog')));
  });

  it('shows a failure as an alert, keeping the buttons', () => {
    render(
      <Popover
        items={[item()]}
        anchor={anchor}
        onClose={() => {}}
        onCorrect={() => {}}
        correction={{ claimId: 'c-1', kind: 'wrong-match', status: 'failed', error: 'no such claim' }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Could not save the correction: no such claim');
    expect(screen.getByRole('button', { name: 'Wrong match' })).toBeTruthy();
  });
});

describe('Popover: clicks the page made up', () => {
  it('acts on no click its acceptEvent refuses (the content script refuses untrusted ones)', () => {
    const onCorrect = vi.fn();
    const onReadSource = vi.fn();
    render(
      <Popover
        items={[item({ claim: { ...claim, origin: 'seeds' } })]}
        anchor={anchor}
        onClose={() => {}}
        onCorrect={onCorrect}
        onReadSource={onReadSource}
        acceptEvent={(e) => e.isTrusted}
      />,
    );
    // happy-dom's dispatched clicks are untrusted, as a page's would be.
    fireEvent.click(screen.getByRole('button', { name: 'Wrong match' }));
    fireEvent.click(screen.getAllByRole('button', { name: /^Read in context/ })[0] as HTMLElement);
    expect(onCorrect).not.toHaveBeenCalled();
    expect(onReadSource).not.toHaveBeenCalled();
  });
});

describe('Popover for a checked selection', () => {
  it('says how the selected text relates, including a claim it is only about', () => {
    render(
      <Popover
        items={[item(), item({ claim: { ...claim, id: 'c-2' }, stance: 'related' })]}
        subject="selection"
        anchor={anchor}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByText('The selected text supports the claim.')).toBeTruthy();
    const others = screen.getByRole('navigation', { name: 'Other claims in the selection' });
    fireEvent.click(others.querySelectorAll('button')[1] as HTMLButtonElement);
    expect(screen.getByText('The selected text is about this claim but may not state it.')).toBeTruthy();
  });

  it('with no claims is a dialog named by its notice, closed by Escape', async () => {
    const onClose = vi.fn();
    render(
      <Popover
        items={[]}
        subject="selection"
        notice="No claims found in the selection."
        anchor={anchor}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'No claims found in the selection.' });
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledWith('escape');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledWith('button');
  });
});
