import { describe, expect, it } from 'vitest';
import { harness, harnessPerTest, podOf, type Harness } from '../testing/harness';
import type { Pod, V1PodStatus } from '../types';
import { StartupTracker, timed } from '.';

const pod = (name: string, status?: Pod['status'], deleting = false): Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { containers: [{ name: 'app', image: 'busybox' }] } as Pod['spec'],
  ...(status ? { status } : {}),
});
const ready: V1PodStatus = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const notReady: V1PodStatus = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };

describe('StartupTracker', () => {
  it('logs one line when the first Ready status of a new pod is written, with its spans', async () => {
    const lines: [string, Record<string, unknown> | undefined][] = [];
    const t = new StartupTracker((msg, fields) => lines.push([msg, fields]));
    t.seen('uid-a', pod('a', { phase: 'Pending' }));
    const trace = t.get('uid-a')!;
    trace.syncStarted();
    trace.add('volumes', 120);
    trace.add('volumes', 30);
    expect(await timed(trace, 'create', async () => 'id')).toBe('id');
    await expect(timed(trace, 'start', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    t.written('uid-a', notReady, 5);
    expect(lines).toEqual([]);
    t.reported('uid-a', ready);
    trace.add('report', 1_000); // after the Ready status was handed over: not part of the start
    t.written('uid-a', ready, 40);
    t.written('uid-a', ready, 40);
    expect(lines).toHaveLength(1);
    const [msg, f] = lines[0];
    expect(msg).toBe('pod started');
    expect(f).toMatchObject({ pod: 'default/a', uid: 'uid-a' });
    const spans = f!.spans as Record<string, number>;
    expect(Object.keys(spans)).toEqual(['queued', 'volumes', 'create', 'start', 'statusWrite']);
    expect(spans.volumes).toBe(150);
    expect(spans.statusWrite).toBe(40);
    expect(f!.writtenAt as number).toBeGreaterThanOrEqual(f!.seenAt as number);
    expect(t.size()).toBe(0);
  });

  it('does not track pods that already ran, are finished or are being deleted, and forgets deleted ones', () => {
    const t = new StartupTracker(() => undefined);
    t.seen('uid-r', pod('r', { phase: 'Running', containerStatuses: [{ name: 'app', state: { running: {} }, lastState: {}, ready: true, restartCount: 0, image: '', imageID: '' }] }));
    t.seen('uid-s', pod('s', { phase: 'Succeeded' }));
    t.seen('uid-d', pod('d', undefined, true));
    expect(t.size()).toBe(0);
    t.seen('uid-n', pod('n'));
    expect(t.size()).toBe(1);
    t.forget('uid-n');
    expect(t.size()).toBe(0);
  });
});

describe('Kubelet start-up line', () => {
  const newHarness = harnessPerTest();
  let h: Harness | undefined;

  it('logs "pod started" once for a new pod, with every step of its first start', async () => {
    h = newHarness();
    h.api.createPod(podOf('web'));
    await h.start();
    await h.tick(5000);
    const started = h.logs.filter((l) => l.startsWith('pod started '));
    expect(started).toHaveLength(1);
    const fields = JSON.parse(started[0].slice('pod started '.length)) as { pod: string; spans: Record<string, number> };
    expect(fields.pod).toBe('default/web');
    expect(Object.keys(fields.spans)).toEqual(expect.arrayContaining(['observe', 'volumes', 'sandbox', 'image', 'create', 'start', 'report', 'statusWrite']));
  });

  it('logs nothing for a running pod adopted after a restart', async () => {
    h = newHarness();
    h.api.createPod(podOf('web'));
    await h.start();
    await h.kubelet.stop();
    const again = harness({ reuse: { runtime: h.runtime, api: h.api } });
    h = again;
    await again.start();
    await again.tick(5000);
    expect(again.logs.filter((l) => l.startsWith('pod started '))).toEqual([]);
  });
});
