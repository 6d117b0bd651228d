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
    // the 10 MB storage.local quota. No host permission beyond the content script's own matches.
    permissions: ['storage', 'unlimitedStorage'],
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
