// Which nodes a DaemonSet's pod belongs on (upstream's NodeShouldRunDaemonPod): the template's
// nodeSelector and required node affinity must match, and its NoSchedule/NoExecute taints must be
// tolerated, counting the tolerations every daemon pod gets. An untolerated NoSchedule taint added
// later keeps a running pod (shouldContinueRunning); an untolerated NoExecute taint does not.
import { matchesRequired, requiredNodeAffinity } from '../../../../scheduler/src/framework/node-selector';
import { tolerates } from '../../../../scheduler/src/framework/taints';
import type { DaemonNode, DaemonSet } from './types';

type Toleration = { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number };

/** The tolerations the controller adds to every daemon pod (upstream's AddOrUpdateDaemonPodTolerations). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

/** Template tolerations plus the daemon ones not already present. */
export function withDaemonTolerations(existing: Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(existing ?? [])];
  for (const t of daemonTolerations(hostNetwork)) {
    if (!out.some((e) => e.key === t.key && e.effect === t.effect && (e.operator ?? 'Equal') === t.operator)) out.push(t);
  }
  return out;
}

export interface Eligibility {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(node: DaemonNode, ds: DaemonSet): Eligibility {
  const spec = ds.spec?.template?.spec;
  const affinity = requiredNodeAffinity({ spec: spec ?? { containers: [] } } as never);
  if (!matchesRequired(affinity, node.metadata.labels ?? {}, node.metadata.name ?? '')) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = withDaemonTolerations(spec?.tolerations as Toleration[] | undefined, spec?.hostNetwork === true);
  let shouldRun = true;
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (tolerations.some((t) => tolerates(t as never, taint as never))) continue;
    if (taint.effect === 'NoExecute') return { shouldRun: false, shouldContinueRunning: false };
    shouldRun = false;
  }
  return { shouldRun, shouldContinueRunning: true };
}
