// The benchmark's simulated nodes: the simulator's mixed sizes (small / medium / large) over three
// zones, 10% tainted dedicated=gpu:NoSchedule (and labelled accel=gpu so gpu pods can select them),
// and every seventh node labelled disk=ssd for pods with a nodeSelector.
import { generateNodes, type SimNodeSpec } from '../../agent/src/sim';

export const ZONES = ['zone-a', 'zone-b', 'zone-c'];
export const GPU_TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };

export function benchNodes(count: number): SimNodeSpec[] {
  return generateNodes({ count, zones: ZONES, taintedFraction: 0.1, taint: GPU_TAINT, namePrefix: 'bench' }).map((n, i) => ({
    ...n,
    labels: { ...n.labels, ...(n.taints ? { accel: 'gpu' } : {}), ...(i % 7 === 0 ? { disk: 'ssd' } : {}) },
  }));
}
