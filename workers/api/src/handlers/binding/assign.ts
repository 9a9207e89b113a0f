// What a binding does to a pod (upstream's assignPod): sets spec.nodeName and PodScheduled=True, and
// refuses a pod that already has a node or is being deleted. Shared by pods/binding and the batch.
import type { KObject } from '../../../../kube/registry/types';
import { badRequest, conflict } from '../../../../kube/status';

export interface BindingInput {
  metadata?: { name?: unknown; namespace?: unknown; uid?: unknown };
  target?: { name?: unknown; kind?: unknown };
}

/** The target node of a Binding, or the 400 upstream gives for a bad one. */
export function bindingTarget(body: BindingInput, podName: string): string {
  if (body.metadata?.name !== undefined && body.metadata.name !== podName) throw badRequest('the name of the binding does not match the pod name in the URL');
  const node = body.target?.name;
  if (typeof node !== 'string' || node === '') throw badRequest('Binding.target.name: Required value');
  if (body.target?.kind !== undefined && body.target.kind !== 'Node') throw badRequest(`Binding.target.kind: Unsupported value: ${JSON.stringify(body.target.kind)}`);
  return node;
}

/** Mutates `pod` (a private copy) into the bound pod. */
export function assignPod(pod: KObject, podName: string, node: string): KObject {
  const spec = (pod.spec ?? {}) as { nodeName?: string };
  if (pod.metadata.deletionTimestamp) throw conflict({ resource: 'pods', group: '' }, podName, 'pod is being deleted, cannot be assigned to a host');
  if (spec.nodeName) throw conflict({ resource: 'pods', group: '' }, podName, `pod ${podName} is already assigned to node "${spec.nodeName}"`);
  spec.nodeName = node;
  pod.spec = spec;
  const status = (pod.status ?? {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: null }[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } as never);
  pod.status = { ...status, conditions };
  delete pod.metadata.resourceVersion;
  return pod;
}
