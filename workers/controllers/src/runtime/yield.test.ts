import { describe, expect, it } from 'vitest';
import { yieldingFetch } from './yield';

describe('yieldingFetch', () => {
  it('calls through only after a timer turn, never within the same run of microtasks', async () => {
    const calls: string[] = [];
    const fetch = yieldingFetch(async (r) => {
      calls.push(r.url);
      return new Response('ok');
    });
    const pending = fetch(new Request('https://api.internal/a'));
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['https://api.internal/a']);
    expect(await (await pending).text()).toBe('ok');
  });

  it('passes failures through unchanged', async () => {
    const fetch = yieldingFetch(() => Promise.reject(new Error('down')));
    await expect(fetch(new Request('https://api.internal/b'))).rejects.toThrow('down');
  });
});
