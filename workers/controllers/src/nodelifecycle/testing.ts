// Builders for the node lifecycle tests.
import type { Lease, Node, NodeCondition, Pod, Taint, Toleration } from './types';

export const T0 = Date.parse('2024-01-01T00:00:00Z');
export const at = (seconds: number) => T0 + seconds * 1000;
export const iso = (seconds: number) => new Date(at(seconds)).toISOString().replace('.000Z', 'Z');

export function node(name: string, o: { ready?: string; heartbeat?: number; conditions?: NodeCondition[]; taints?: Taint[]; zone?: string; created?: number } = {}): Node {
  const conditions =
    o.conditions ??
    (o.ready
      ? [
          { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: iso(o.heartbeat ?? 0), lastTransitionTime: iso(-100) },
          { type: 'Ready', status: o.ready, reason: 'KubeletReady', lastHeartbeatTime: iso(o.heartbeat ?? 0), lastTransitionTime: iso(-100) },
        ]
      : []);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: iso(o.created ?? -1000), labels: o.zone ? { 'topology.kubernetes.io/zone': o.zone } : {} },
    spec: o.taints ? { taints: o.taints } : {},
    status: { conditions },
  };
}

export const lease = (name: string, renewed: number): Lease => ({
  metadata: { name, namespace: 'kube-node-lease' },
  spec: { holderIdentity: name, renewTime: new Date(at(renewed)).toISOString().replace('Z', '000Z') },
});

export function pod(name: string, o: { node?: string; ready?: string; tolerations?: Toleration[]; deleting?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(o.deleting ? { deletionTimestamp: iso(0) } : {}) },
    spec: { nodeName: o.node ?? 'n1', containers: [{ name: 'c', image: 'busybox' }], ...(o.tolerations ? { tolerations: o.tolerations } : {}) },
    status: o.ready ? { conditions: [{ type: 'Ready', status: o.ready }] } : {},
  } as Pod;
}
