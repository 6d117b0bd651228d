// The end-to-end suite's browser seam: the interface scenarios use, and one driver per browser
// (`./chromium`, `./firefox`).
export type { DriverFactory, DriverTab, InPage, ReaderDriver } from './types';
