import { describe, expect, it, vi } from 'vitest';
import { PokeCoalescer } from './coalesce';

/** A receiver whose deliveries complete only when the test says so. */
function receiver() {
  const sent: number[] = [];
  const waiting: (() => void)[] = [];
  const send = (rev: number) => {
    sent.push(rev);
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const deliver = async () => {
    waiting.shift()?.();
    // Let the follow-up (if any) be sent.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { sent, send, deliver, get waiting() { return waiting.length; } };
}

describe('PokeCoalescer', () => {
  it('sends a lone poke at once', async () => {
    const c = new PokeCoalescer();
    const r = receiver();
    const done = c.poke('pods', 5, r.send);
    expect(r.sent).toEqual([5]);
    await r.deliver();
    await done;
  });

  it('merges pokes made while one is in flight into one follow-up with the newest revision', async () => {
    const c = new PokeCoalescer();
    const r = receiver();
    const first = c.poke('pods', 1, r.send);
    await c.poke('pods', 3, r.send);
    await c.poke('pods', 2, r.send);
    expect(r.sent).toEqual([1]);
    await r.deliver();
    expect(r.sent).toEqual([1, 3]);
    await r.deliver();
    await first;
    expect(r.waiting).toBe(0);
    // Idle again: the next poke goes out at once.
    void c.poke('pods', 4, r.send);
    expect(r.sent).toEqual([1, 3, 4]);
  });

  it('sends no follow-up when nothing newer arrived', async () => {
    const c = new PokeCoalescer();
    const r = receiver();
    const first = c.poke('pods', 7, r.send);
    await c.poke('pods', 6, r.send);
    await r.deliver();
    await first;
    expect(r.sent).toEqual([7]);
  });

  it('keeps receivers apart', () => {
    const c = new PokeCoalescer();
    const pods = receiver();
    const nodes = receiver();
    void c.poke('pods', 1, pods.send);
    void c.poke('nodes', 2, nodes.send);
    void c.poke('pods', 3, pods.send);
    expect(pods.sent).toEqual([1]);
    expect(nodes.sent).toEqual([2]);
  });

  it('recovers after a send that throws', async () => {
    const c = new PokeCoalescer();
    await expect(c.poke('pods', 1, () => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    const r = receiver();
    void c.poke('pods', 2, r.send);
    expect(r.sent).toEqual([2]);
  });

  it('spaces pokes to a receiver at least minGapMs apart, folding those that come sooner into one', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(10_000);
      const c = new PokeCoalescer();
      const sent: [number, number][] = [];
      const send = async (rev: number) => void sent.push([rev, Date.now()]);
      await c.poke('ctl', 1, send, 100);
      expect(sent).toEqual([[1, 10_000]]);
      // 30 ms later: too soon; it waits for the gap, and a newer one rides along.
      vi.setSystemTime(10_030);
      const held = c.poke('ctl', 2, send, 100);
      await c.poke('ctl', 3, send, 100);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(70);
      await held;
      expect(sent).toEqual([[1, 10_000], [3, 10_100]]);
      // Idle for longer than the gap: the next goes out at once.
      vi.setSystemTime(10_500);
      await c.poke('ctl', 4, send, 100);
      expect(sent.at(-1)).toEqual([4, 10_500]);
      // Another receiver is not held back by this one's gap.
      await c.poke('other', 4, send, 100);
      expect(sent).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
