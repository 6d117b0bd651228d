import type { Claim } from '../claims/types';
import type { SerializedMatcher } from '../match/matcher';

/** What the options page lists of an imported claim pack. */
export interface PackInfo {
  /** Stable id: `pack-<file-name-slug>-<content-hash>`; the claims' `origin`. */
  id: string;
  /** The file name it was imported from. */
  name: string;
  /** Claims imported. */
  claimCount: number;
  /** Items of the file that could not become a claim. */
  skipped: number;
  /** Why (first few reasons, one line each). */
  skippedReasons: string[];
  /** Import time, ms since the epoch. */
  importedAt: number;
}

/** A pack as stored: its claims and its matcher structures, prepared once at import. */
export interface StoredPack {
  claims: Claim[];
  matcher: SerializedMatcher;
}
