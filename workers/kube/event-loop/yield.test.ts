import { describe, expect, it } from 'vitest';
import { YIELD_EVERY_MS, yieldingFetch } from './yield';

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

  it('yields again only once YIELD_EVERY_MS has passed since the last yield', async () => {
    let clock = Date.now() + 1e9;
    const calls: number[] = [];
    const fetch = yieldingFetch(async () => {
      calls.push(clock);
      return new Response('ok');
    }, () => clock);
    await fetch(new Request('https://api.internal/first'));
    expect(calls).toEqual([clock]);
    // Within the window: straight through, in the same run of microtasks.
    clock += YIELD_EVERY_MS - 1;
    const soon = fetch(new Request('https://api.internal/soon'));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(calls).toHaveLength(2);
    await soon;
    // Past it: a timer turn first.
    clock += 1;
    const later = fetch(new Request('https://api.internal/later'));
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(calls).toHaveLength(2);
    await later;
    expect(calls).toHaveLength(3);
  });

  it('passes failures through unchanged', async () => {
    const fetch = yieldingFetch(() => Promise.reject(new Error('down')));
    await expect(fetch(new Request('https://api.internal/b'))).rejects.toThrow('down');
  });
});
