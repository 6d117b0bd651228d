import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/tokens.css';
import '../../components/switch.css';
import '../../components/Options.css';
import { Options } from '../../components/Options';
import { createExtensionApi } from '../../lib/settings/client';

render(<Options api={createExtensionApi(browser)} />, document.getElementById('app') as HTMLElement);
