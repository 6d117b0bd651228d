import { chromiumDriver } from './drivers/chromium';
import { readerScenarios } from './scenarios/reader.scenarios';

// The shared reader scenarios (tests/e2e/scenarios/reader.scenarios.ts) in Chromium.
readerScenarios(chromiumDriver);
