import type { BlockMatch } from '../match/blocks';

// The scanner's match requests: the blocks read fresh are sent to the background in batches, within a cap
// per page, and each batch's reply is handed back as it arrives.

/** At most this many blocks per page are sent (the background caps too). */
export const MAX_BLOCKS_PER_PAGE = 1000;
/** Blocks per request: a few hundred sentences, matched in one background task. */
export const BATCH_SIZE = 50;

/**
 * The requests for `pending` when `sent` blocks of this page were sent already: BATCH_SIZE blocks each, and
 * none beyond MAX_BLOCKS_PER_PAGE for the page (the rest is dropped, not kept for later).
 */
export function planBatches<T>(pending: readonly T[], sent: number): T[][] {
  const room = Math.max(0, MAX_BLOCKS_PER_PAGE - sent);
  const take = pending.slice(0, room);
  const batches: T[][] = [];
  for (let i = 0; i < take.length; i += BATCH_SIZE) batches.push(take.slice(i, i + BATCH_SIZE));
  return batches;
}

/**
 * Sends every batch's texts to `match` at once, and calls `onReply` with each batch and its matches (null when
 * matching failed) as the replies come. Resolves when every batch was answered; what throws, in `match` or in
 * `onReply`, goes to `onError`, so this never rejects.
 */
export function sendBatches<T>(
  batches: readonly T[][],
  texts: (item: T) => string,
  match: (blocks: string[]) => Promise<BlockMatch[] | null>,
  onReply: (batch: T[], matches: BlockMatch[] | null) => void,
  onError?: (e: unknown) => void,
): Promise<void> {
  return Promise.all(
    batches.map((batch) =>
      match(batch.map(texts))
        .then((matches) => onReply(batch, matches))
        .catch((e) => onError?.(e)),
    ),
  ).then(() => undefined);
}
