import type { Browser, WxtBrowser } from 'wxt/browser';
import type { Result } from './protocol';

// A small typed RPC over runtime/tabs messaging. Written by hand rather than taking
// @webext-core/messaging: its current major calls `chrome.*` directly, which bypasses the
// webextension-polyfill we build on and WXT's fake browser in unit tests.

/** Any protocol interface: each key a function from payload to result. */
type ProtocolOf<P> = { [K in keyof P]: (data: never) => Result<unknown> };
type DataOf<F> = F extends (data: infer D) => unknown ? D : never;
type ResultOf<F> = F extends (data: never) => infer R ? R : never;

/** The envelope on the wire; `claimlight` marks our messages among others on the same channel. */
interface Envelope {
  claimlight: 1;
  type: string;
  data: unknown;
}

/** A handler gets the (untrusted) payload and the sender, and returns a result value. */
export type Handler<P extends ProtocolOf<P>, K extends keyof P> = (
  data: DataOf<P[K]>,
  sender: Browser.runtime.MessageSender,
) => ResultOf<P[K]> | Promise<ResultOf<P[K]>>;

function isEnvelope(x: unknown): x is Envelope {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Envelope).claimlight === 1 &&
    typeof (x as Envelope).type === 'string'
  );
}

/**
 * Registers handlers for a protocol on `runtime.onMessage`. Unknown types are ignored (so other
 * listeners may answer); a handler that throws answers `{ ok: false }` instead of crashing the caller.
 * Returns a function that removes the listener.
 */
export function serve<P extends ProtocolOf<P>>(
  browser: WxtBrowser,
  handlers: { [K in keyof P]?: Handler<P, K> },
): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
  ): Promise<unknown> | undefined => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) return undefined;
    const handler = handlers[message.type as keyof P] as
      | ((d: unknown, s: Browser.runtime.MessageSender) => unknown)
      | undefined;
    if (!handler) return undefined;
    return Promise.resolve()
      .then(() => handler(message.data, sender))
      .catch((e: unknown) => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Sends a message to the background (no tabId) or to a tab's content script. Never throws. */
export async function send<P extends ProtocolOf<P>, K extends keyof P & string>(
  browser: WxtBrowser,
  type: K,
  data: DataOf<P[K]>,
  tabId?: number,
): Promise<ResultOf<P[K]>> {
  const envelope: Envelope = { claimlight: 1, type, data };
  try {
    const reply =
      tabId === undefined
        ? await browser.runtime.sendMessage(envelope)
        : await browser.tabs.sendMessage(tabId, envelope);
    if (reply === undefined) return { ok: false, error: `no handler for ${type}` } as ResultOf<P[K]>;
    return reply as ResultOf<P[K]>;
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) } as ResultOf<P[K]>;
  }
}
