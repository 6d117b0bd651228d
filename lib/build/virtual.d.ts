// The claim bundle generated from seeds/ at build time by lib/build/vite-plugin-claim-bundle.ts.
declare module 'virtual:claimlight/bundle' {
  import type { ClaimBundle } from '../build/bundle-types';

  const bundle: ClaimBundle;
  export default bundle;
}
