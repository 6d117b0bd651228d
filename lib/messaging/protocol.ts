import type { ClaimPage, ClaimQuery } from '../claims/browse';
import type { Claim, Stance } from '../claims/types';
import type { Correction, CorrectionInput } from '../corrections/schema';
import type { BlockMatch } from '../match/blocks';
import type { SearchHit, SentenceMatch } from '../match/types';
import type { PackInfo } from '../packs/types';
import type { ScannerStats } from '../page/scanner';
import type { ReaderArticle } from '../reader/article';
import type { SettingsChange } from '../settings/changes';
import type { Settings } from '../settings/schema';

/**
 * The one protocol between Claimlight's contexts: each message with its payload and result.
 * Events are named in the past tense, commands in the imperative. Handlers never throw across
 * contexts: failures come back as `{ ok: false, error }`.
 *
 * Append new messages here (one doc line each); never use `any` payloads.
 */

/** A result that crosses contexts: a value, or an error message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a content script needs to know of the settings for its page. */
export interface PageSettings {
  /** Whether Claimlight runs on this page (site rules and default mode applied). */
  enabled: boolean;
  /** How highlights look. */
  highlightStyle: 'colour' | 'underline';
  /** Match sensitivity, 0..1 (higher finds looser paraphrases). */
  sensitivity: number;
}

/** Messages handled by the background (sent by content scripts and extension pages). */
export interface BackgroundProtocol {
  /** Content script: the settings that apply to the page at `url`. */
  getPageSettings(data: { url: string }): Result<PageSettings>;
  /**
   * Content script: match the text of the article's blocks against every claim (bundled and imported).
   * The background splits them into sentences, so the page never pays ICU's start-up; each match says
   * which block and where in its text.
   */
  matchBlocks(data: { blocks: string[] }): Result<{ matches: BlockMatch[] }>;
  /** Content script: the set of distinct claims now highlighted on this tab changed (badge). */
  pageClaimsChanged(data: { claimIds: string[] }): Result<null>;
  /**
   * Popup: rank claims for a search query. With no hits, `topics` holds the index's words closest to the
   * query (what the popup offers instead of an empty list).
   */
  searchClaims(data: { query: string; limit: number }): Result<{ hits: SearchHit[]; topics?: string[] }>;
  /** Extension pages: the stored settings, validated. */
  getSettings(data: null): Result<{ settings: Settings }>;
  /** Extension pages only: validate and store settings, then push `settingsChanged` to affected tabs. */
  saveSettings(data: { settings: Settings }): Result<{ settings: Settings }>;
  /**
   * Extension pages only: apply changes (intents, not a snapshot) to the stored settings of the moment, so
   * a change made meanwhile elsewhere survives; then push `settingsChanged` to affected tabs.
   */
  updateSettings(data: { changes: SettingsChange[] }): Result<{ settings: Settings }>;
  /** Extension pages only (popup switch): switch Claimlight on or off for the site of `url`. */
  setSiteEnabled(data: { url: string; enabled: boolean }): Result<{ settings: Settings }>;
  /** Popup: what it shows about a tab (its site, whether Claimlight can and does run there). */
  getTabState(data: { tabId: number }): Result<TabState>;
  /** Extension pages: the imported claim packs. */
  listPacks(data: null): Result<{ packs: PackInfo[] }>;
  /** Extension pages only: import a ClaimReview JSON file's text (read locally, never uploaded). */
  importPack(data: { fileName: string; text: string }): Result<{ pack: PackInfo; packs: PackInfo[] }>;
  /** Extension pages: how far the pack import under way is (null when none is). */
  getImportProgress(data: null): Result<{ progress: ImportProgress | null }>;
  /** Extension pages only: remove an imported pack. */
  removePack(data: { packId: string }): Result<{ packs: PackInfo[] }>;
  /** Extension pages only: the bundled claim index as ClaimReview JSON-LD (the file `cli export` writes). */
  exportIndex(data: null): Result<{ fileName: string; text: string }>;
  /** Extension pages (source reader): a bundled article and every claim that quotes it. */
  getArticle(data: { seed: string }): Result<{ article: ReaderArticle; claims: Claim[] }>;
  /**
   * Extension pages (claims browser): one page of every claim, bundled and imported, filtered; with the
   * filters' values and, for pack origins, the pack names.
   */
  listClaims(data: ClaimQuery): Result<ClaimPage & { originNames: Record<string, string> }>;
  /**
   * Content script (popover) or extension page: open the source reader on a bundled article, at a claim's
   * quote, in a new tab next to the sender's. Only our own page can be opened, for an article we bundle.
   */
  openReader(data: { seed: string; claimId: string }): Result<null>;
  /**
   * Content script only: the reader marked a highlight of its page wrong. Stored for the sender's page (its
   * URL from the browser, never from the payload); the page's later matches leave that sentence out.
   */
  addCorrection(data: CorrectionInput): Result<{ correction: Correction }>;
  /** Extension pages only: the stored corrections, oldest first. */
  listCorrections(data: null): Result<{ corrections: Correction[] }>;
  /** Extension pages only: undo a correction (its highlight is back on the page's next load). */
  removeCorrection(data: { id: string }): Result<{ corrections: Correction[] }>;
  /** Extension pages only: the corrections as labelled test cases (the evaluation sets' JSON). */
  exportCorrections(data: null): Result<{ fileName: string; text: string }>;
  /**
   * Content script, when the reader asks to check a selection: the claims the text states (best first),
   * else the closest claims above search's relevance floor (`related`). Works where highlighting is off.
   */
  checkText(data: { text: string }): Result<{ matches: SelectionMatch[] }>;
}

/** Longest selection `checkText` reads (a few paragraphs); the content script and the background both cut. */
export const MAX_CHECK_CHARS = 2000;

/** A claim found for a checked selection: one its sentences state, or a `related` one search found. */
export interface SelectionMatch {
  claim: Claim;
  /** How the selection relates: it states the claim (supports/conflicts), or only shares its subject. */
  stance: Stance | 'related';
  /** 0..1 (the matcher's similarity, or search's score for `related`). */
  score: number;
  why: string[];
  /** The sentence of the selection that matched (the selection itself for `related`). */
  sentence: string;
  part?: string;
}

/** A pack import under way: its file and the claims prepared so far. */
export interface ImportProgress {
  name: string;
  done: number;
  total: number;
}

/** What the popup shows about a tab. */
export interface TabState {
  tabId: number;
  /** The tab's URL, or null when neither the browser nor our content script in it told us. */
  url: string | null;
  /** The site key the popup's switch sets (`example.com`, `file://`), or null when unsupported. */
  site: string | null;
  /** Whether Claimlight can run on the page at all (http(s) or a local file). */
  supported: boolean;
  /** Whether it is switched on for the page. */
  enabled: boolean;
}

/** Messages handled by a tab's content script (sent by the background and the popup). */
export interface ContentProtocol {
  /** Popup: list the claims found on this page, in page order. */
  getPageClaims(data: null): Result<{ claims: { claim: Claim; stance: SentenceMatch['stance'] }[] }>;
  /** Popup: scroll to the first highlight of a claim and open its popover. */
  revealClaim(data: { claimId: string }): Result<null>;
  /** Background: the settings for this page changed (site switched on/off, style, sensitivity). */
  settingsChanged(data: PageSettings): Result<null>;
  /** Tests and diagnostics: figures about the overlay's work on this page (timings, counts). */
  getOverlayStats(data: null): Result<OverlayStats>;
  /**
   * Background (context menu, shortcut): read the page's selection, check it and show the claims it states
   * in the popover at the selection, also where highlighting is off. Answers the claims shown.
   */
  checkSelection(data: null): Result<{ claimIds: string[] }>;
  /** Background (shortcut): open the next/previous highlight in page order, wrapping; answers which. */
  stepHighlight(data: { direction: 'next' | 'previous' }): Result<{ position: number; total: number }>;
  /** Background: the reader switched Claimlight for this site with the shortcut (announce it). */
  siteSwitched(data: { site: string; enabled: boolean }): Result<null>;
}

/** Figures about the overlay's work on a page (`getOverlayStats`): its scanner's, and how it paints. */
export type OverlayStats = ScannerStats & {
  highlighterMode: 'custom-highlight' | 'wrap';
  /** performance.now() when the content script started (document_idle). */
  scriptStartMs: number;
};
