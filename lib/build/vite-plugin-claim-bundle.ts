import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildBundleFromDir, seedIndexBuilder } from '../node/bundle';

const VIRTUAL_ID = 'virtual:claimlight/bundle';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * Generates the claim bundle from `seeds/` at build time, as the module `virtual:claimlight/bundle`.
 * Nothing generated is written to the tree; seed files are watched so `wxt` dev rebuilds on change.
 * A bad seed fails the build with the file, line and reason (thrown by the index builder). The plugin
 * holds one incremental index builder, so a rebuild after an article is dropped into `seeds/` groups
 * only that article.
 */
export function claimBundlePlugin(seedsDir = resolve(process.cwd(), 'seeds')): Plugin {
  const builder = seedIndexBuilder();
  return {
    name: 'claimlight-claim-bundle',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(seedsDir);
      const bundle = buildBundleFromDir(seedsDir, builder);
      // JSON.parse of a string literal is faster to start than an object literal of the same size.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(bundle))});`;
    },
  };
}
