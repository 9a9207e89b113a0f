// A list's JSON body from the objects' stored JSON. A large list goes out as a stream of ~256 KB
// chunks: one string of tens of MB (join, then UTF-8 encode) took an isolate hundreds of ms and as many
// MB before the first byte could leave, and nothing downstream could start on it meanwhile.
import type { ResourceCtx } from '../context';
import { rawJsonResponse } from './common';

/** Bytes (of JSON text) above which a list is streamed. */
export const STREAM_LIST_BYTES = 1 << 20;
const CHUNK_BYTES = 256 * 1024;

export function jsonListResponse(ctx: Pick<ResourceCtx, 'warnings'>, head: string, items: string[], tail = ']}'): Response {
  let total = head.length + tail.length;
  for (const item of items) total += item.length + 1;
  if (total <= STREAM_LIST_BYTES) return rawJsonResponse(ctx, 200, `${head}${items.join(',')}${tail}`);
  return rawJsonResponse(ctx, 200, listStream(head, items, tail));
}

/** head, the items separated by commas, tail: encoded one chunk at a time as the reader pulls. */
export function listStream(head: string, items: string[], tail: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const parts: string[] = [];
        let bytes = 0;
        if (!started) {
          started = true;
          parts.push(head);
          bytes += head.length;
        }
        while (next < items.length && bytes < CHUNK_BYTES) {
          const item = items[next];
          parts.push(next === 0 ? item : `,${item}`);
          bytes += item.length + 1;
          next++;
        }
        const done = next >= items.length;
        if (done) parts.push(tail);
        controller.enqueue(encoder.encode(parts.join('')));
        if (done) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
