// Runs callbacks when a response body has been fully sent or the client went away: how a watch's end is
// noticed (its audit ResponseComplete, its slot in the watch caps). The body passes through one
// IdentityTransformStream, which workerd pipes natively (no JavaScript per chunk); a second stage asking
// for the same response's end joins the first wrapper (workerd cannot pipe one such stream into another).
const wrapped = new WeakMap<Response, (() => unknown)[]>();

export function onBodyEnd(res: Response, exec: ExecutionContext | undefined, done: () => unknown): Response {
  const joined = wrapped.get(res);
  if (joined) {
    joined.push(done);
    return res;
  }
  if (!res.body || res.status === 101 || (res as { webSocket?: unknown }).webSocket) {
    done();
    return res;
  }
  const callbacks = [done];
  const t: { readable: ReadableStream; writable: WritableStream } =
    typeof IdentityTransformStream === 'function' ? new IdentityTransformStream() : new TransformStream();
  const piped = res.body
    .pipeTo(t.writable)
    .catch(() => undefined)
    .then(() => Promise.all(callbacks.splice(0).map((f) => f())));
  exec?.waitUntil(piped);
  const out = new Response(t.readable, res);
  wrapped.set(out, callbacks);
  return out;
}

/** Hono throws when a request has no ExecutionContext (unit tests with app.request). */
export function execOf(c: { executionCtx: ExecutionContext }): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
