// Nodes: NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import type { Condition, Printer } from './types';
import type { KObject } from '../registry/types';

export interface Node extends KObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: Condition[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** Ready / NotReady (any non-True status) / Unknown (no Ready condition), plus SchedulingDisabled when cordoned. */
export function nodeStatus(node: Node): string {
  // Upstream keeps the last condition of each type.
  const ready = (node.status?.conditions ?? []).filter((c) => c.type === 'Ready').pop();
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles from node-role.kubernetes.io/<role> keys and the legacy kubernetes.io/role value, sorted. */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

const address = (node: Node, type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';

export const nodePrinter: Printer<Node> = {
  columns: [
    NAME,
    col('Status', 'Readiness of the node.'),
    col('Roles', 'Roles from node-role labels.'),
    AGE,
    col('Version', 'Kubelet version.'),
    col('Internal-IP', 'First internal address.', { wide: true }),
    col('External-IP', 'First external address.', { wide: true }),
    col('OS-Image', 'Operating system image.', { wide: true }),
    col('Kernel-Version', 'Kernel version.', { wide: true }),
    col('Container-Runtime', 'Container runtime and version.', { wide: true }),
  ],
  cells(node, now) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      nodeRoles(node),
      since(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};
