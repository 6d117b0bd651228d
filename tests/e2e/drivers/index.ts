import { chromiumDriver } from './chromium';
import { firefoxDriver } from './firefox';
import type { DriverFactory } from './types';

/** Every browser the shared scenarios run in. */
export const drivers: readonly DriverFactory[] = [chromiumDriver, firefoxDriver];

export type { DriverFactory, DriverTab, ReaderDriver } from './types';
