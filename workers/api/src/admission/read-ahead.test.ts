import { describe, expect, it } from 'vitest';
import type { ResourceCtx } from '../context';
import { readAhead, take } from './read-ahead';

const ctx = () => ({}) as ResourceCtx;

describe('admission read-ahead', () => {
  it('hands a plugin the read started ahead, once; a second take reads afresh', async () => {
    const c = ctx();
    let reads = 0;
    const read = async () => ++reads;
    readAhead(c, 'k', read);
    expect(reads).toBe(1);
    expect(await take(c, 'k', read)).toBe(1);
    expect(await take(c, 'k', read)).toBe(2);
  });

  it('reads now when nothing was started, and keeps requests apart', async () => {
    const a = ctx();
    const b = ctx();
    readAhead(a, 'k', async () => 'a');
    expect(await take(b, 'k', async () => 'b')).toBe('b');
    expect(await take(a, 'k', async () => 'x')).toBe('a');
  });

  it('surfaces a failed read ahead to the plugin that takes it', async () => {
    const c = ctx();
    readAhead(c, 'k', async () => {
      throw new Error('d1 down');
    });
    await expect(take(c, 'k', async () => 'unused')).rejects.toThrow('d1 down');
  });
});
