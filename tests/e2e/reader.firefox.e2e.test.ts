import { join } from 'node:path';
import { firefoxDriver } from './drivers/firefox';
import { repoRoot } from './harness';
import { readerScenarios } from './scenarios/reader.scenarios';

// The shared reader scenarios (tests/e2e/scenarios/reader.scenarios.ts) in Firefox ESR, over WebDriver
// BiDi; skipped with a message when Firefox is not installed. With UPDATE_SCREENSHOT=1 it rewrites the
// README's picture of Claimlight in Firefox (docs/firefox.png).
readerScenarios(firefoxDriver, { screenshot: join(repoRoot, 'docs/firefox.png') });
