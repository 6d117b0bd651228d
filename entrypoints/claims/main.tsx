import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/tokens.css';
import '../../components/Pages.css';
import { ClaimsBrowser } from '../../components/ClaimsBrowser';
import { createExtensionApi } from '../../lib/settings/client';

const onHashChange = (cb: (hash: string) => void) => {
  const listener = () => cb(location.hash);
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

render(
  <ClaimsBrowser api={createExtensionApi(browser)} hash={location.hash} onHashChange={onHashChange} />,
  document.getElementById('app') as HTMLElement,
);
