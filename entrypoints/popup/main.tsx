import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/tokens.css';
import '../../components/Popup.css';
import { Popup } from '../../components/Popup';
import { createExtensionApi } from '../../lib/settings/client';

render(
  <Popup api={createExtensionApi(browser)} search={location.search} />,
  document.getElementById('app') as HTMLElement,
);
