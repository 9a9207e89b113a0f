// Synthetic cluster for the micro-benchmark: mixed nodes (3 zones, 10% tainted) and mixed pods.
import { seededRng } from './rng';
import type { Node, Pod } from './types';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export function makeNodes(n: number, seed = 1): Node[] {
  const rnd = seededRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const name = `node-${i}`;
    const big = rnd() < 0.3;
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': name,
      'topology.kubernetes.io/zone': ZONES[i % 3],
      'node.kubernetes.io/instance-type': big ? 'large' : 'small',
    };
    if (i % 7 === 0) labels.disk = 'ssd';
    const tainted = i % 10 === 0;
    return {
      metadata: { name, labels },
      spec: tainted ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
      status: {
        allocatable: { cpu: big ? '16' : '8', memory: big ? '64Gi' : '32Gi', pods: 110, 'ephemeral-storage': '100Gi', ...(tainted ? { 'nvidia.com/gpu': 4 } : {}) },
        images: [{ names: [`registry.local/app-${i % 5}:v1`], sizeBytes: 300 * 1024 * 1024 }],
      },
    };
  });
}

export function makePods(n: number, seed = 2): Pod[] {
  const rnd = seededRng(seed);
  const pods: Pod[] = [];
  for (let i = 0; i < n; i++) {
    const app = `app-${i % 50}`;
    const cpu = [100, 250, 500, 1000][Math.floor(rnd() * 4)];
    const mem = [128, 256, 512, 1024][Math.floor(rnd() * 4)];
    const p: Pod = {
      metadata: { name: `pod-${i}`, namespace: `ns-${i % 5}`, uid: `uid-${i}`, labels: { app } },
      spec: { containers: [{ name: 'c', image: `registry.local/app-${i % 5}:v1`, resources: { requests: { cpu: `${cpu}m`, memory: `${mem}Mi` } } }] },
    };
    const kind = i % 20;
    if (kind === 0) p.spec.nodeSelector = { disk: 'ssd' };
    else if (kind === 1) {
      p.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
      p.spec.containers[0].resources = { requests: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': 1 } };
      p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'dedicated-gpu', operator: 'DoesNotExist' }] }] } } };
    } else if (kind === 2 || kind === 3)
      p.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } } }];
    else if (kind === 4)
      p.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a', 'zone-b'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['large'] }] } }],
        },
      };
    else if (kind === 5) {
      // One replica per node for this app (hostname anti-affinity), like a DaemonSet-ish Deployment.
      p.metadata.labels = { app: `solo-${i % 3}` };
      p.spec.affinity = {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: `solo-${i % 3}` } } }] },
      };
    } else if (kind === 6)
      p.spec.topologySpreadConstraints = [{ maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app } } }];
    pods.push(p);
  }
  return pods;
}
