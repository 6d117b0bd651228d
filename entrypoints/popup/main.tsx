import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/tokens.css';
import '../../components/switch.css';
import '../../components/Popup.css';
import { Popup } from '../../components/Popup';
import { createExtensionApi } from '../../lib/settings/client';

const app = document.getElementById('app') as HTMLElement;
// Drop the static first frame (index.html) and render the app in the same task: no blank frame between.
app.replaceChildren();
render(<Popup api={createExtensionApi(browser)} search={location.search} />, app);
// For the E2E timing test: when the real, interactive popup is in the DOM.
performance.mark('claimlight-popup-rendered');
