// The node's heartbeat: its Lease in kube-node-lease, renewed with one PUT of the last written object
// (as the kubelet's lease controller does), created on first use and owned by the Node so that deleting
// the Node collects it.
import type { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { microTimeOf } from './time';

export const LEASE_NAMESPACE = 'kube-node-lease';

export interface LeaseObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string; ownerReferences?: unknown[]; [k: string]: unknown };
  spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string; [k: string]: unknown };
}

export function leaseObject(nodeName: string, nodeUid: string | undefined, durationSeconds: number, now: number): LeaseObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: LEASE_NAMESPACE,
      ...(nodeUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }] } : {}),
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: durationSeconds, renewTime: microTimeOf(now) },
  };
}

export type LeaseApi = Pick<ApiClient, 'getOrNull' | 'create' | 'update'>;

const LEASES = `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases`;
const is = (e: unknown, code: number) => e instanceof StatusError && e.code === code;

export class NodeLease {
  private last: LeaseObject | null = null;

  constructor(
    private readonly api: LeaseApi,
    private readonly nodeName: string,
    private readonly durationSeconds: number,
  ) {}

  /** Renews (or creates) the Lease; retries once from the stored object after a conflict or a 404. */
  async renew(nodeUid: string | undefined, now: number): Promise<LeaseObject> {
    const path = `${LEASES}/${encodeURIComponent(this.nodeName)}`;
    let current = this.last ?? (await this.api.getOrNull<LeaseObject>(path));
    for (let attempt = 0; ; attempt++) {
      try {
        this.last = current
          ? await this.api.update<LeaseObject>(path, {
              ...current,
              spec: { ...current.spec, holderIdentity: this.nodeName, leaseDurationSeconds: this.durationSeconds, renewTime: microTimeOf(now) },
            })
          : await this.api.create<LeaseObject>(LEASES, leaseObject(this.nodeName, nodeUid, this.durationSeconds, now));
        return this.last;
      } catch (e) {
        this.last = null;
        if (attempt > 0 || !(is(e, 409) || is(e, 404))) throw e;
        current = await this.api.getOrNull<LeaseObject>(path);
      }
    }
  }
}
