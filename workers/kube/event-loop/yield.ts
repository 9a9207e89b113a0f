// Lets workerd read its sockets between in-process calls. workerd's event loop (KJ) polls for I/O only
// when no event is ready, and a call through a service binding to the api worker (and on to the D1
// object) completes without touching a socket: a controller that keeps calling the API in a loop (a
// catch-up round per poke during a burst of changes) can keep the queue busy for tens of seconds, and
// meanwhile no external request is read, kubelets' Lease renewals included. Measured: with one Durable
// Object looping on service-binding calls, a GET from outside waited the whole 4 s of the loop; with a
// zero-delay timer before each call it took 4-6 ms (p50), as with no loop at all.

/** Resolves on a later turn of the event loop, after workerd has polled for I/O (a timer, not a microtask). */
export const yieldToIO = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * At most this long between two yields. workerd's clock moves when an event is delivered, and every
 * API call's answer is one, so this bounds how long the sockets can go unread (measured: an outside GET
 * during a loop of 3,000 calls waited 9-16 ms, ~1 yield per 200 calls; 100 ms with no yield), without
 * a timer turn per call.
 */
export const YIELD_EVERY_MS = 10;
let lastYield = 0;

/** `fetch` that yields to I/O before a call when no call of this isolate did for YIELD_EVERY_MS. */
export function yieldingFetch(fetch: (request: Request) => Promise<Response>, now: () => number = Date.now): (request: Request) => Promise<Response> {
  return async (request) => {
    const t = now();
    if (t - lastYield >= YIELD_EVERY_MS) {
      lastYield = t;
      await yieldToIO();
    }
    return fetch(request);
  };
}
