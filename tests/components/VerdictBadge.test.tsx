import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { VerdictBadge } from '../../components/VerdictBadge';

afterEach(cleanup);

describe('VerdictBadge', () => {
  it('names each verdict in words (colour is never the only cue)', () => {
    const { container, rerender } = render(<VerdictBadge verdict="corroborated" />);
    expect(container.textContent).toContain('Corroborated');
    expect(container.querySelector('[data-verdict="corroborated"]')).not.toBeNull();
    rerender(<VerdictBadge verdict="disputed" />);
    expect(container.textContent).toContain('Disputed');
    rerender(<VerdictBadge verdict="single-source" />);
    expect(container.textContent).toContain('Single source');
  });

  it('shows a fact-checker’s rating as text when the claim has no verdict of ours', () => {
    const { container, rerender } = render(<VerdictBadge verdict={null} rating="<b>False</b>" />);
    expect(container.textContent).toBe('Rated: <b>False</b>');
    expect(container.querySelector('b')).toBeNull();
    rerender(<VerdictBadge verdict={null} />);
    expect(container.textContent).toBe('Unrated');
  });
});
