import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { ensureHost } from '../../../lib/page/host';

function setup() {
  const win = new Window();
  const doc = win.document as unknown as Document;
  doc.body.innerHTML = '<p>Article</p>';
  const host = doc.createElement('claimlight-overlay');
  const mount = () => doc.documentElement.append(host);
  mount();
  return { doc, host, mount };
}

describe('ensureHost', () => {
  it('puts back a host the page removed', () => {
    const { doc, host, mount } = setup();
    host.remove();
    ensureHost(host, doc, mount);
    expect(host.isConnected).toBe(true);
    expect(doc.documentElement.lastElementChild).toBe(host);
  });

  it('moves the host last when the page appended elements after it', () => {
    const { doc, host, mount } = setup();
    const cover = doc.createElement('div');
    doc.documentElement.append(cover);
    ensureHost(host, doc, mount);
    expect(doc.documentElement.lastElementChild).toBe(host);
  });

  it('drops inline styles the page gave the host, and changes nothing when all is well', () => {
    const { doc, host, mount } = setup();
    host.setAttribute('style', 'display: none !important; opacity: 0');
    ensureHost(host, doc, mount);
    expect(host.hasAttribute('style')).toBe(false);
    const before = doc.documentElement.outerHTML;
    ensureHost(host, doc, mount);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
