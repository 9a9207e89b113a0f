// What the scheduler writes, all through the API with its own credential: bindings, the PodScheduled
// condition and nominatedNodeName on pods/status, and evictions of preemption victims (its Events go
// through workers/kube/events/recorder.ts).
import type { ApiClient } from '../../kube/client';
import { StatusError } from '../../kube/status';
import type { Pod, PodScheduledCondition } from './framework';

export const COMPONENT = 'default-scheduler';

const podPath = (p: Pod) => `/api/v1/namespaces/${p.metadata.namespace ?? 'default'}/pods/${p.metadata.name}`;
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** POSTs and drops the answer unread: the scheduler needs only the status, not the object back. */
async function post(api: ApiClient, path: string, body: unknown): Promise<void> {
  const res = await api.request('POST', path, body);
  await res.body?.cancel();
}

export const isCode = (e: unknown, code: number) => e instanceof StatusError && e.code === code;

/** Binds `pod` to `node`; the API refuses (409) if it already has a node: the compare-and-swap. */
export async function bind(api: ApiClient, pod: Pod, node: string): Promise<void> {
  await post(api, `${podPath(pod)}/binding`, {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  });
}

/** One pod's answer in a batch binding: 201, or the Status code pods/binding would have answered. */
export interface BindingResult {
  namespace: string;
  name: string;
  code: number;
  message?: string;
}

/**
 * Binds many pods in one request (the API's kubeflare.dev/v1 bindings: one D1 read and one write for
 * all, each pod still its own compare-and-swap and result). Throws only when the request as a whole
 * failed, and then no result is known.
 */
export async function bindAll(api: ApiClient, bindings: { pod: Pod; node: string }[]): Promise<BindingResult[]> {
  const items = bindings.map(({ pod, node }) => ({
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  }));
  const res = await api.create<{ items: BindingResult[] }>('/apis/kubeflare.dev/v1/bindings', { apiVersion: 'kubeflare.dev/v1', kind: 'BindingList', items });
  if (!Array.isArray(res.items) || res.items.length !== items.length) throw new Error(`the batch binding answered ${res.items?.length} results for ${items.length} bindings`);
  return res.items;
}

type Condition = { type: string; status?: string; reason?: string; message?: string };

/**
 * Records a failed attempt on the pod's status, only when something users see changes (as upstream:
 * otherwise every retry would be a write, and every write a poke back to us).
 */
export async function recordUnschedulable(api: ApiClient, pod: Pod, cond: PodScheduledCondition, nominatedNodeName?: string): Promise<boolean> {
  const cur = ((pod.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'PodScheduled');
  const nominated = nominatedNodeName !== undefined && pod.status?.nominatedNodeName !== nominatedNodeName;
  if (!nominated && cur && cur.status === cond.status && cur.reason === cond.reason && cur.message === cond.message) return false;
  const status: Record<string, unknown> = {
    conditions: [{ ...cond, lastProbeTime: null, lastTransitionTime: cur?.status === cond.status ? (cur as { lastTransitionTime?: string }).lastTransitionTime : now() }],
  };
  if (nominatedNodeName !== undefined) status.nominatedNodeName = nominatedNodeName;
  try {
    await api.patch(`${podPath(pod)}/status`, { status }, 'application/strategic-merge-patch+json');
  } catch (e) {
    if (!isCode(e, 404)) throw e; // gone meanwhile: nothing to record
  }
  return true;
}

/** Evicts a preemption victim (DELETE when the eviction subresource is not ours to use, as upstream deletes). */
export async function evict(api: ApiClient, victim: Pod): Promise<void> {
  try {
    await api.create(`${podPath(victim)}/eviction`, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: victim.metadata.name, namespace: victim.metadata.namespace },
      deleteOptions: victim.metadata.uid ? { preconditions: { uid: victim.metadata.uid } } : undefined,
    });
  } catch (e) {
    // 404, or 409 on the uid precondition: that victim is already gone.
    if (isCode(e, 404) || isCode(e, 409)) return;
    if (!isCode(e, 403)) throw e;
    try {
      await api.delete(podPath(victim), victim.metadata.uid ? { preconditions: { uid: victim.metadata.uid } } : undefined);
    } catch (e2) {
      if (!isCode(e2, 404) && !isCode(e2, 409)) throw e2;
    }
  }
}

