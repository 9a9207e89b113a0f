import { describe, expect, it } from 'vitest';
import { lastHeardFrom, MESSAGE_NEVER_UPDATED, MESSAGE_UNKNOWN, nodeHealth, REASON_NEVER_UPDATED, REASON_UNKNOWN } from './health';
import { at, iso, lease, node } from './testing';

const GRACE = 40_000;

describe('lastHeardFrom', () => {
  it.each([
    { name: 'lease newer than the posted status', n: node('n1', { ready: 'True', heartbeat: 0 }), l: lease('n1', 30), want: at(30) },
    { name: 'posted status newer than the lease', n: node('n1', { ready: 'True', heartbeat: 50 }), l: lease('n1', 30), want: at(50) },
    { name: 'neither: creation time', n: node('n1', { created: -5 }), l: undefined, want: at(-5) },
    { name: 'a renewal that arrived late counts from its arrival', n: node('n1', { ready: 'True', heartbeat: 0 }), l: lease('n1', 30), observed: at(45), want: at(45) },
    { name: 'an arrival time older than the renewal stamp changes nothing', n: node('n1', { ready: 'True', heartbeat: 0 }), l: lease('n1', 30), observed: at(20), want: at(30) },
  ])('$name', ({ n, l, observed, want }) => expect(lastHeardFrom(n, l, observed)).toBe(want));
});

describe('nodeHealth', () => {
  it.each([
    { name: 'fresh lease keeps the node as it is', n: node('n1', { ready: 'True' }), l: lease('n1', 30), now: 60, ready: 'True', writes: false, staleAt: at(70) },
    { name: 'exactly at the grace period is still fresh', n: node('n1', { ready: 'True' }), l: lease('n1', 20), now: 60, ready: 'True', writes: false, staleAt: at(60) },
    { name: 'past the grace period turns Unknown', n: node('n1', { ready: 'True' }), l: lease('n1', 10), now: 60, ready: 'Unknown', writes: true, change: 'NotReady' },
    { name: 'a kubelet-posted False is kept while fresh', n: node('n1', { ready: 'False' }), l: lease('n1', 50), now: 60, ready: 'False', writes: false, staleAt: at(90) },
    { name: 'a stale False turns Unknown without a NotReady event', n: node('n1', { ready: 'False' }), l: lease('n1', 0), now: 60, ready: 'Unknown', writes: true },
  ])('$name', ({ n, l, now, ready, writes, staleAt, change }) => {
    const h = nodeHealth(n, l, at(now), GRACE);
    expect(h.ready).toBe(ready);
    expect(h.conditions !== undefined).toBe(writes);
    expect(h.staleAt).toBe(staleAt);
    expect(h.change).toBe(change);
  });

  it('a renewal stamped long ago but seen only recently (slow API, skewed clock) keeps the node fresh', () => {
    expect(nodeHealth(node('n1', { ready: 'True' }), lease('n1', 0), at(60), GRACE).ready).toBe('Unknown');
    const h = nodeHealth(node('n1', { ready: 'True' }), lease('n1', 0), at(60), GRACE, at(30));
    expect(h).toEqual({ ready: 'True', staleAt: at(70) });
  });

  it('marks every kubelet condition Unknown and adds the missing ones as never updated', () => {
    const h = nodeHealth(node('n1', { ready: 'True' }), lease('n1', 0), at(100), GRACE);
    const byType = new Map(h.conditions!.map((c) => [c.type, c]));
    expect(byType.get('Ready')).toMatchObject({ status: 'Unknown', reason: REASON_UNKNOWN, message: MESSAGE_UNKNOWN, lastTransitionTime: iso(100), lastHeartbeatTime: iso(0) });
    expect(byType.get('MemoryPressure')).toMatchObject({ status: 'Unknown', reason: REASON_UNKNOWN });
    expect(byType.get('DiskPressure')).toMatchObject({ status: 'Unknown', reason: REASON_NEVER_UPDATED, message: MESSAGE_NEVER_UPDATED, lastHeartbeatTime: iso(-1000) });
    expect(byType.get('PIDPressure')?.status).toBe('Unknown');
  });

  it('leaves other conditions alone and writes nothing once Unknown', () => {
    const n = node('n1', { conditions: [{ type: 'NetworkUnavailable', status: 'False' }] });
    const first = nodeHealth(n, undefined, at(100), GRACE);
    expect(first.conditions!.find((c) => c.type === 'NetworkUnavailable')).toEqual({ type: 'NetworkUnavailable', status: 'False' });
    const again = nodeHealth({ ...n, status: { conditions: first.conditions } }, undefined, at(110), GRACE);
    expect(again).toEqual({ ready: 'Unknown' });
  });

  it('a lease renewed after the node went Unknown restores what the controller overrode', () => {
    const quiet = nodeHealth(node('n1', { ready: 'True' }), lease('n1', 0), at(100), GRACE);
    const n = { ...node('n1'), status: { conditions: quiet.conditions } };
    expect(nodeHealth(n, lease('n1', 90), at(100), GRACE).ready).toBe('Unknown');
    const back = nodeHealth(n, lease('n1', 120), at(121), GRACE);
    expect(back).toMatchObject({ ready: 'True', change: 'Ready', staleAt: at(160) });
    const byType = new Map(back.conditions!.map((c) => [c.type, c]));
    expect(byType.get('Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', lastHeartbeatTime: iso(120), lastTransitionTime: iso(121) });
    expect(byType.get('MemoryPressure')?.status).toBe('False');
    // Never posted: nothing to restore, the kubelet has to say.
    expect(byType.get('DiskPressure')).toMatchObject({ status: 'Unknown', reason: REASON_NEVER_UPDATED });
  });
});
