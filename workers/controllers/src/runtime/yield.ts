// Lets workerd read its sockets between in-process calls. workerd's event loop (KJ) polls for I/O only
// when no event is ready, and a call through a service binding to the api worker (and on to the D1
// object) completes without touching a socket: a controller that keeps calling the API in a loop (a
// catch-up round per poke during a burst of changes) can keep the queue busy for tens of seconds, and
// meanwhile no external request is read, kubelets' Lease renewals included. Measured: with one Durable
// Object looping on service-binding calls, a GET from outside waited the whole 4 s of the loop; with a
// zero-delay timer before each call it took 4-6 ms (p50), as with no loop at all.

/** Resolves on a later turn of the event loop, after workerd has polled for I/O (a timer, not a microtask). */
export const yieldToIO = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** `fetch` that yields to I/O before each call. */
export function yieldingFetch(fetch: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    await yieldToIO();
    return fetch(request);
  };
}
