// The benchmark's pods: mixed requests, and by index (i % 20) a share with each kind of constraint.
// Each kind is built so that a final state can be checked for it independently (check.ts).
import type { KObject } from '../../workers/kube/registry/types';
import { GPU_TAINT } from './cluster';

export const NAMESPACES = ['bench-0', 'bench-1', 'bench-2', 'bench-3', 'bench-4'];
const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** A tiny deterministic generator (mulberry32), so every run asks for the same pods. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export type PodKind = 'plain' | 'nodeSelector' | 'gpu' | 'spread' | 'nodeAffinity' | 'antiAffinity' | 'podAffinity';

export function kindOf(i: number): PodKind {
  const k = i % 20;
  if (k === 0) return 'nodeSelector';
  if (k === 1) return 'gpu';
  if (k === 2 || k === 3) return 'spread';
  if (k === 4) return 'nodeAffinity';
  if (k === 5) return 'antiAffinity';
  if (k === 6) return 'podAffinity';
  return 'plain';
}

/** Pod number `i` (names `${prefix}-${i}`); the same i always gives the same pod. */
export function benchPod(i: number, prefix: string): KObject & { spec: Record<string, unknown> } {
  const rnd = rng(i + 1);
  const cpu = [100, 250, 500, 1000][Math.floor(rnd() * 4)];
  const mem = [128, 256, 512, 1024][Math.floor(rnd() * 4)];
  const kind = kindOf(i);
  let app = `app-${i % 50}`;
  const spec: Record<string, unknown> = {};
  if (kind === 'nodeSelector') spec.nodeSelector = { disk: 'ssd' };
  else if (kind === 'gpu') {
    spec.nodeSelector = { accel: 'gpu' };
    spec.tolerations = [{ key: GPU_TAINT.key, operator: 'Equal', value: GPU_TAINT.value, effect: GPU_TAINT.effect }];
  } else if (kind === 'spread') {
    // Every pod of a spread-N app carries the constraint, so its zone skew must stay ≤ 1.
    app = `spread-${Math.floor(i / 20) % 10}`;
    spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }];
  } else if (kind === 'nodeAffinity')
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['zone-a', 'zone-b'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['sim.large'] }] } }],
      },
    };
  else if (kind === 'antiAffinity') {
    // At most one pod of each solo-N app per node.
    app = `solo-${Math.floor(i / 20) % 3}`;
    spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: HOST }] } };
  } else if (kind === 'podAffinity') {
    // All pods of a pack-N app in one zone: the first may go anywhere (it matches its own term).
    app = `pack-${Math.floor(i / 20) % 5}`;
    spec.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: ZONE }] } };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${prefix}-${i}`, namespace: NAMESPACES[i % NAMESPACES.length], labels: { app } },
    spec: { containers: [{ name: 'c', image: `registry.local/app-${i % 5}:v1`, resources: { requests: { cpu: `${cpu}m`, memory: `${mem}Mi` } } }], ...spec },
  };
}
