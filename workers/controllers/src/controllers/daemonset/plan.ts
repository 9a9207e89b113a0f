// What a DaemonSet needs now (upstream's manage + rollingUpdate): a pod on every node that should run
// one, none elsewhere, failed and duplicate pods removed, and old-revision pods replaced within
// maxUnavailable (delete first) or maxSurge (create first). Pure: nodes, pods and the clock in, actions out.
import { isPodAvailable, isPodReady } from '../common/pods';
import { scaledValue } from '../deployment/util';
import { nodeShouldRunDaemonPod } from './eligibility';
import { daemonPodNode } from './pod-template';
import { REVISION_HASH_LABEL, type DaemonNode, type DaemonSet, type DaemonSetStatus, type Pod } from './types';

export interface DaemonPlan {
  /** Node names that get a new pod. */
  create: string[];
  /** Pods to delete, with why (for events). */
  delete: { pod: Pod; why: string }[];
  status: DaemonSetStatus;
  /** Look again after this long (a pod becoming available after minReadySeconds). */
  requeueAfterMs?: number;
}

const byAge = (a: Pod, b: Pod) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

export function planDaemonSet(ds: DaemonSet, nodes: DaemonNode[], pods: Pod[], hash: string, now: Date): DaemonPlan {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReady, now);
  const isNew = (p: Pod) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash;
  const live = pods.filter((p) => !p.metadata.deletionTimestamp);
  const byNode = new Map<string, Pod[]>();
  for (const p of live) {
    const n = daemonPodNode(p);
    if (n === undefined) continue;
    const list = byNode.get(n) ?? [];
    list.push(p);
    byNode.set(n, list);
  }
  const plan: DaemonPlan = { create: [], delete: [], status: undefined as never };
  const del = (pod: Pod, why: string) => plan.delete.push({ pod, why });
  const nodeNames = new Set(nodes.map((n) => n.metadata.name ?? ''));
  // Pods whose node is gone.
  for (const [n, list] of byNode) if (!nodeNames.has(n)) for (const p of list) del(p, `node ${n} no longer exists`);

  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let availableCount = 0;
  let updated = 0;
  const running = new Map<string, Pod[]>(); // nodes that keep pods, for the rolling update
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
    const onNode = (byNode.get(name) ?? []).sort(byAge);
    if (shouldRun) desired++;
    if (!shouldContinueRunning) {
      if (onNode.length > 0) misscheduled++;
      for (const p of onNode) del(p, `node ${name} does not fit`);
      continue;
    }
    const failed = onNode.filter((p) => p.status?.phase === 'Failed');
    for (const p of failed) del(p, `pod failed on node ${name}`);
    const healthy = onNode.filter((p) => p.status?.phase !== 'Failed');
    if (healthy.length === 0) {
      if (shouldRun && failed.length === 0) plan.create.push(name);
      continue;
    }
    if (!shouldRun) misscheduled++;
    current++;
    running.set(name, healthy);
    const counted = healthy.find(isNew) ?? healthy[0];
    if (isPodReady(counted)) ready++;
    if (available(counted)) availableCount++;
    if (healthy.some(isNew)) updated++;
  }

  rollingUpdate(ds, running, desired, isNew, available, del, plan);

  plan.status = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: updated,
    numberAvailable: availableCount,
    numberUnavailable: Math.max(0, desired - availableCount),
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
  };
  if (minReady > 0 && availableCount < ready) plan.requeueAfterMs = 1000;
  return plan;
}

function rollingUpdate(
  ds: DaemonSet,
  running: Map<string, Pod[]>,
  desired: number,
  isNew: (p: Pod) => boolean,
  available: (p: Pod) => boolean,
  del: (p: Pod, why: string) => void,
  plan: DaemonPlan,
) {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') {
    // Only duplicates go: the oldest pod on a node stays until the user deletes it.
    for (const pods of running.values()) for (const p of pods.slice(1)) del(p, 'duplicate daemon pod');
    return;
  }
  const ru = strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge ?? 0, desired, true);
  const maxUnavailable = maxSurge > 0 ? scaledValue(ru.maxUnavailable ?? 0, desired, true) : Math.max(1, scaledValue(ru.maxUnavailable ?? 1, desired, true));
  let unavailable = 0;
  for (const pods of running.values()) if (!pods.some(available)) unavailable++;
  unavailable += plan.create.length;
  let surged = 0;
  for (const [node, pods] of running) {
    const fresh = pods.filter(isNew);
    const old = pods.filter((p) => !isNew(p));
    if (fresh.length > 1) for (const p of fresh.slice(1)) del(p, 'duplicate daemon pod');
    if (old.length === 0) continue;
    if (fresh.length > 0) {
      // The new pod is there: the old one goes once the new one is available (surge), or at once.
      if (maxSurge === 0 || available(fresh[0])) for (const p of old) del(p, `pod of an old revision on node ${node}`);
      continue;
    }
    if (maxSurge > 0) {
      if (surged < maxSurge) {
        plan.create.push(node);
        surged++;
      }
      continue;
    }
    const oldAvailable = old.some(available);
    if (!oldAvailable) {
      for (const p of old) del(p, `unavailable pod of an old revision on node ${node}`);
    } else if (unavailable < maxUnavailable) {
      for (const p of old) del(p, `pod of an old revision on node ${node}`);
      unavailable++;
    }
  }
}
