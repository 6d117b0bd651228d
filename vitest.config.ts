import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { claimBundlePlugin } from './lib/build/vite-plugin-claim-bundle';

// Vitest 5's reporter calls Map.groupBy (Node 21+) when it prints a failure; these machines run
// Node 20, where the crash would hide which test failed. The config loads in the reporter's process.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

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
