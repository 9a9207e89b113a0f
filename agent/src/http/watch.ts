// Reads a Kubernetes watch response (newline-delimited JSON events) as it streams in.
export interface WatchEvent<T = unknown> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/**
 * Yields each event of a watch response. Returning early (break) or aborting `signal` cancels the
 * stream, which closes its connection.
 */
export async function* watchEvents<T = unknown>(res: Response, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  // Cancelling ends a pending read() with done, so an idle stream stops at once.
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i).trim();
        buffer = buffer.slice(i + 1);
        // Blank lines are keep-alives.
        if (line) yield JSON.parse(line) as WatchEvent<T>;
      }
    }
    const rest = buffer.trim();
    if (rest && !signal?.aborted) yield JSON.parse(rest) as WatchEvent<T>;
  } finally {
    signal?.removeEventListener('abort', cancel);
    await reader.cancel().catch(() => undefined);
  }
}
