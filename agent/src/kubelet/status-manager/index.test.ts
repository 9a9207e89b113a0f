import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../../workers/kube/client';
import type { Pod, V1PodStatus } from '../types';
import { StatusManager } from '.';

/** An API whose status patches stay in flight until released. */
function slowApi() {
  const pending: (() => void)[] = [];
  const api = {
    patch: (_path: string, body: { status: V1PodStatus }) => new Promise<Pod>((resolve) => pending.push(() => resolve({ metadata: {}, spec: { containers: [] }, status: body.status } as unknown as Pod))),
  } as unknown as ApiClient;
  return { api, release: () => pending.splice(0).forEach((r) => r()), pending };
}

const pod: Pod = { metadata: { name: 'web', namespace: 'default', uid: 'u1' }, spec: { containers: [] } as unknown as Pod['spec'], status: { phase: 'Pending' } };

describe('StatusManager.writesSettled', () => {
  it('waits for an in-flight write, then reports it to onWritten', async () => {
    const { api, release, pending } = slowApi();
    const written: string[] = [];
    const m = new StatusManager({ api, onWritten: (uid, s) => written.push(`${uid} ${s.phase}`) });
    m.set(pod, { phase: 'Running' });
    expect(pending).toHaveLength(1);
    let settled = false;
    const wait = m.writesSettled(60_000).then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    release();
    await wait;
    expect(settled).toBe(true);
    expect(written).toEqual(['u1 Running']);
  });

  it('resolves at once when nothing is in flight, and after maxMs when a write hangs', async () => {
    vi.useFakeTimers();
    try {
      const { api } = slowApi();
      const m = new StatusManager({ api });
      await m.writesSettled(60_000);
      m.set(pod, { phase: 'Running' });
      let settled = false;
      const wait = m.writesSettled(1000).then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await wait;
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
