import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { claimBundlePlugin } from './lib/build/vite-plugin-claim-bundle';

// Two projects: `unit` (lib/ and components/, WXT's fake browser, happy-dom) and `e2e` (the built
// extension in real Chromium; one file at a time because the machine has two cores).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact(), claimBundlePlugin()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/components/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
