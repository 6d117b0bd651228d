import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/tokens.css';
import '../../components/Pages.css';
import { Reader } from '../../components/Reader';
import { createExtensionApi } from '../../lib/settings/client';

render(
  <Reader api={createExtensionApi(browser)} search={location.search} />,
  document.getElementById('app') as HTMLElement,
);
