import { describe, expect, it } from 'vitest';
import { leaseObject, microTimeOf, nodeObject, simNode, timeOf } from './objects';
import { needsStart, runningStatus, type SimPod } from './pod-status';
import { Limiter } from './limiter';

const NOW = Date.UTC(2026, 0, 2, 15, 4, 5, 678);

describe('node and lease objects', () => {
  it('formats times as metav1.Time and MicroTime', () => {
    expect(timeOf(NOW)).toBe('2026-01-02T15:04:05Z');
    expect(microTimeOf(NOW)).toBe('2026-01-02T15:04:05.678000Z');
  });

  it('builds a Node with labels, taints, capacity and a Ready condition', () => {
    const n = nodeObject(simNode({ name: 'n1', cpu: '4', memory: '16Gi', pods: 110, zone: 'zone-b', instanceType: 'sim.medium', taints: [{ key: 'k', effect: 'NoSchedule' }] }, 3), NOW);
    expect(n.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'n1', 'topology.kubernetes.io/zone': 'zone-b', 'node.kubernetes.io/instance-type': 'sim.medium' });
    expect(n.spec).toMatchObject({ podCIDR: '10.64.3.0/24', taints: [{ key: 'k', effect: 'NoSchedule' }] });
    expect(n.status.capacity).toEqual({ cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' });
    expect(n.status.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastHeartbeatTime: '2026-01-02T15:04:05Z' });
    expect(n.status.addresses[0]).toEqual({ type: 'InternalIP', address: '10.240.0.4' });
  });

  it('builds a Lease owned by its Node', () => {
    expect(leaseObject('n1', 'uid-1', NOW)).toMatchObject({
      metadata: { name: 'n1', namespace: 'kube-node-lease', ownerReferences: [{ kind: 'Node', name: 'n1', uid: 'uid-1' }] },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2026-01-02T15:04:05.678000Z' },
    });
  });
});

describe('pod status', () => {
  const pod: SimPod = {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
    spec: { nodeName: 'n1', containers: [{ name: 'a', image: 'nginx:1' }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] },
  };

  it('decides which pods still need starting', () => {
    expect(needsStart(pod)).toBe(true);
    expect(needsStart({ ...pod, status: { phase: 'Running' } })).toBe(false);
    expect(needsStart({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: 'x' } })).toBe(false);
  });

  it('reports every container running and ready, keeping earlier transition times', () => {
    const s = runningStatus(pod, '10.240.0.1', '10.64.0.5', NOW);
    expect(s).toMatchObject({ phase: 'Running', hostIP: '10.240.0.1', podIP: '10.64.0.5', podIPs: [{ ip: '10.64.0.5' }], startTime: '2026-01-02T15:04:05Z' });
    expect(s.conditions.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(s.conditions.find((c) => c.type === 'Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-02T15:04:05Z' });
    expect(s.containerStatuses[0]).toMatchObject({ name: 'a', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-01-02T15:04:05Z' } } });
    expect(s.containerStatuses[0].containerID).toMatch(/^sim:\/\/[0-9a-f]{64}$/);
    expect(s.containerStatuses[0].imageID).toMatch(/^nginx:1@sha256:[0-9a-f]{64}$/);
  });

  it('gives host-network pods the node address', () => {
    expect(runningStatus({ ...pod, spec: { ...pod.spec, hostNetwork: true } }, '10.240.0.1', '10.64.0.5', NOW).podIP).toBe('10.240.0.1');
  });
});

describe('Limiter', () => {
  it('runs at most `concurrency` calls at once and reports idle', async () => {
    const l = new Limiter(2);
    let active = 0;
    let peak = 0;
    const job = () =>
      l.run(async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      });
    const all = Promise.all(Array.from({ length: 7 }, job));
    expect(l.load).toBe(7);
    await l.idle();
    await all;
    expect(peak).toBe(2);
    expect(l.load).toBe(0);
  });
});
