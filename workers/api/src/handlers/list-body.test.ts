import { describe, expect, it } from 'vitest';
import { STREAM_LIST_BYTES, jsonListResponse, listStream } from './list-body';

const read = async (s: ReadableStream<Uint8Array>) => {
  const chunks: number[] = [];
  let text = '';
  const decoder = new TextDecoder();
  for await (const c of s as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(c.byteLength);
    text += decoder.decode(c, { stream: true });
  }
  return { text, chunks };
};
const item = (i: number, size: number) => JSON.stringify({ i, pad: 'x'.repeat(size), s: 'é"\\' });

describe('list bodies', () => {
  it('streams exactly head, comma-separated items and tail, in bounded chunks', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => item(i, 500 + (i % 7) * 100));
    const { text, chunks } = await read(listStream('{"items":[', items, ']}'));
    expect(text).toBe(`{"items":[${items.join(',')}]}`);
    expect(JSON.parse(text).items).toHaveLength(3000);
    expect(chunks.length).toBeGreaterThan(4);
    expect(Math.max(...chunks)).toBeLessThan(300 * 1024);
  });

  it('streams one item, and a single huge item, whole', async () => {
    for (const items of [[item(0, 10)], [item(1, 2_000_000)], [item(2, 10), item(3, 2_000_000), item(4, 10)]]) {
      expect((await read(listStream('[', items, ']'))).text).toBe(`[${items.join(',')}]`);
    }
  });

  it('answers small lists in one piece with a length, large ones as a stream', async () => {
    const small = jsonListResponse({ warnings: ['careful'] }, '{"items":[', [item(0, 10)]);
    expect(small.headers.get('content-type')).toBe('application/json');
    expect(small.headers.get('warning')).toContain('careful');
    expect(await small.text()).toBe(`{"items":[${item(0, 10)}]}`);
    const many = Array.from({ length: Math.ceil(STREAM_LIST_BYTES / 1000) + 10 }, (_, i) => item(i, 1000));
    const big = jsonListResponse({ warnings: ['careful'] }, '{"items":[', many);
    expect(big.headers.get('content-type')).toBe('application/json');
    expect(big.headers.get('warning')).toContain('careful');
    expect(JSON.parse(await big.text()).items).toHaveLength(many.length);
  });
});
