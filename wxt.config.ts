import preact from '@preact/preset-vite';
import { defineConfig, type WxtViteConfig } from 'wxt';
import { claimBundlePlugin } from './lib/build/vite-plugin-claim-bundle';

// The extension's manifest and build. The claim index is not a file in the tree: the
// `virtual:claimlight/bundle` module is built from `seeds/` by claimBundlePlugin at build time.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only (house style): nothing from lib/ or components/ is auto-imported.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Claimlight',
    description:
      'Fact-check the news while you read: highlights claims with their corroborating and conflicting sources. Nothing leaves your browser.',
    // storage: settings and imported claim packs; unlimitedStorage: a large pack (10k+ claims) exceeds
    // the 10 MB storage.local quota; contextMenus: the "Check with Claimlight" item on a selection (Firefox
    // takes the same name as an alias of `menus`). No host permission beyond the content script's own
    // matches, and no `activeTab` or `tabs`: the commands need the active tab's URL only to switch its site,
    // and the URL our content script reported stands in for it (lib/background/tab-urls.ts). `commands`
    // needs no permission.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus'],
    // Keyboard shortcuts (lib/background/commands.ts). Chrome takes at most four suggested keys; these are
    // Alt+Shift+letter, which neither Chrome nor Firefox binds (Chrome's own Alt+Shift ones use A, B, I and T;
    // Firefox uses Alt+Shift only for a page's accesskeys, which an extension's command overrides). Readers
    // change them at chrome://extensions/shortcuts or in Firefox's add-ons manager.
    commands: {
      'check-selection': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Check the selected text with Claimlight',
      },
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Switch Claimlight on or off for this site',
      },
      'next-highlight': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Open the next claim highlighted on the page',
      },
      'previous-highlight': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Open the previous claim highlighted on the page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claimlight@claimlight.dev',
              // Firefox's data-collection declaration: Claimlight collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  // WXT 0.21 bundles its own Vite 7 while Vitest runs on Vite 8: the plugin types differ nominally,
  // not in the hooks these plugins use.
  vite: () => ({ plugins: [preact(), claimBundlePlugin()] as unknown as WxtViteConfig['plugins'] }),
});
