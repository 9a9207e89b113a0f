import { describe, expect, it } from 'vitest';
import { kindOf, levelOf } from './classify';
import { constantTimeEqual } from './constant-time';
import { Counters, TokenBuckets } from './token-bucket';

describe('constantTimeEqual', () => {
  it('is true only for equal strings', () => {
    const h = 'a'.repeat(64);
    expect(constantTimeEqual(h, h)).toBe(true);
    expect(constantTimeEqual(h, `${'a'.repeat(63)}b`)).toBe(false);
    expect(constantTimeEqual(h, `b${'a'.repeat(63)}`)).toBe(false);
    expect(constantTimeEqual(h, h.slice(1))).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('', 'a')).toBe(false);
    // A NUL-padded string is not equal to the shorter one (lengths are part of the comparison).
    expect(constantTimeEqual('ab', 'ab\0')).toBe(false);
  });

  it('visits every character whatever the first difference (no early exit)', () => {
    // Counts the characters read: the same for a miss at the first and at the last position.
    const counted = (s: string) => {
      let reads = 0;
      const proxy = { length: s.length, charCodeAt: (i: number) => (reads++, s.charCodeAt(i)) } as unknown as string;
      return { proxy, reads: () => reads };
    };
    const a = counted('x'.repeat(32));
    constantTimeEqual(a.proxy, `y${'x'.repeat(31)}`);
    const b = counted('x'.repeat(32));
    constantTimeEqual(b.proxy, `${'x'.repeat(31)}y`);
    expect(a.reads()).toBe(32);
    expect(b.reads()).toBe(32);
  });
});

describe('token buckets', () => {
  const budget = { rate: 2, burst: 3 };

  it('allows the burst, then refuses with the seconds until a token is back, per key', () => {
    const b = new TokenBuckets();
    for (let i = 0; i < 3; i++) expect(b.take('alice', budget, 0)).toEqual({ ok: true });
    expect(b.take('alice', budget, 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(b.take('bob', budget, 0)).toEqual({ ok: true });
    expect(b.take('alice', budget, 499)).toMatchObject({ ok: false });
    expect(b.take('alice', budget, 500)).toEqual({ ok: true });
  });

  it('asks for a longer wait at a slow rate and never refills past the burst', () => {
    const b = new TokenBuckets();
    const slow = { rate: 0.1, burst: 1 };
    expect(b.take('a', slow, 0).ok).toBe(true);
    expect(b.take('a', slow, 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    for (let i = 0; i < 3; i++) expect(b.take('c', budget, 1_000_000).ok).toBe(true);
    expect(b.take('c', budget, 1_000_000).ok).toBe(false);
  });

  it('stays bounded in memory', () => {
    const b = new TokenBuckets(100);
    for (let i = 0; i < 1000; i++) b.take(`u${i}`, budget, i);
    expect(b.size).toBeLessThanOrEqual(100);
  });
});

describe('counters', () => {
  it('count per key and in all, never below zero', () => {
    const c = new Counters();
    c.inc('a');
    c.inc('a');
    c.inc('b');
    expect([c.get('a'), c.get('b'), c.total]).toEqual([2, 1, 3]);
    c.dec('a');
    c.dec('b');
    c.dec('b');
    expect([c.get('a'), c.get('b'), c.total]).toEqual([1, 0, 1]);
  });
});

describe('classification', () => {
  it('exempts system:masters, gives the control plane the system level', () => {
    expect(levelOf({ name: 'admin', uid: '', groups: ['system:masters'] })).toBe('exempt');
    expect(levelOf({ name: 'system:kube-scheduler', uid: '', groups: [] })).toBe('system');
    expect(levelOf({ name: 'system:node:n1', uid: '', groups: ['system:nodes'] })).toBe('system');
    expect(levelOf({ name: 'alice', uid: '', groups: ['system:authenticated'] })).toBe('workload');
  });

  it('tells watches and streams from short requests', () => {
    expect(kindOf(new Request('https://x/api/v1/pods?watch=true'))).toBe('watch');
    expect(kindOf(new Request('https://x/api/v1/watch/pods'))).toBe('watch');
    expect(kindOf(new Request('https://x/api/v1/namespaces/a/pods/p/log?follow=true'))).toBe('long-running');
    expect(kindOf(new Request('https://x/api/v1/namespaces/a/pods/p/exec', { headers: { upgrade: 'websocket' } }))).toBe('long-running');
    expect(kindOf(new Request('https://x/api/v1/pods'))).toBe('short');
    expect(kindOf(new Request('https://x/api/v1/pods?watch=true', { method: 'POST' }))).toBe('short');
  });
});
