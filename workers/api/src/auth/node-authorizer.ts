// The node authorizer (upstream's Node authorizer with AuthorizeNodeWithSelectors): a node identity
// (`system:node:<name>` in `system:nodes`) gets only its own pods and what they reference, writes only
// its own Node, Lease and pods' status; it may list and watch all pods (for NetworkPolicy peers). Requests it has no rule for fall through to RBAC, which grants
// the `system:node` role; a request this authorizer denies is denied whatever RBAC says.
import { nodeNameOf, pinnedField, podReferences, type PodSpecLike } from '../../../kube/nodeauth/references';
import { getObject, listObjects, type Db } from '../store';
import type { Authorizer, Decision, RequestAttributes } from './authorizer';
import { ingressTlsSecret } from './node-ingress-secrets';
import { authorizationAlwaysAllows } from './mode';

const ALLOW: Decision = { allowed: true, reason: '' };
const deny = (reason: string): Decision => ({ allowed: false, reason });
const noRelationship = (node: string) => deny(`no relationship found between node '${node}' and this object`);
const READS = new Set(['get', 'list', 'watch']);

interface StoredPod {
  metadata: { name: string; namespace?: string };
  spec?: PodSpecLike & { nodeName?: string };
}

export function withNodeAuthorizer(db: Db, rbac: Authorizer): Authorizer {
  return {
    async authorize(a) {
      const node = nodeNameOf(a.user);
      if (node === undefined || a.path !== undefined || authorizationAlwaysAllows()) return rbac.authorize(a);
      const d = await decide(db, node, a);
      if (d === 'rbac') return rbac.authorize(a);
      return d;
    },
    rulesFor: (user, namespace) => rbac.rulesFor(user, namespace),
  };
}

async function decide(db: Db, node: string, a: RequestAttributes): Promise<Decision | 'rbac'> {
  const group = a.group ?? '';
  const ns = a.namespace ?? '';
  if (group === '' && a.resource === 'pods') return decidePod(db, node, a);
  if (group === '' && (a.resource === 'secrets' || a.resource === 'configmaps' || a.resource === 'persistentvolumeclaims')) {
    if (!READS.has(a.verb) || a.subresource) return deny(`node '${node}' cannot ${a.verb} ${a.resource}`);
    // A single object only: get by name, or list/watch pinned to one name (the kubelet's watch).
    const name = a.name ?? pinnedField(a.fieldSelector, 'metadata.name');
    if (name === undefined) return deny(`node '${node}' can only ${a.verb} individual ${a.resource}`);
    const pods = await podsOn(db, node, ns);
    const kind = a.resource === 'secrets' ? 'secrets' : a.resource === 'configmaps' ? 'configMaps' : 'claims';
    if (pods.some((p) => podReferences(p.metadata.name, p.spec)[kind].has(name))) return ALLOW;
    // The ingress proxy's certificates: single gets of TLS Secrets our Ingresses name (node-ingress-secrets.ts).
    if (a.resource === 'secrets' && a.verb === 'get' && a.name) {
      const r = await ingressTlsSecret(db, ns, name);
      if (r !== 'unrelated') return r === 'allow' ? ALLOW : 'rbac';
    }
    return noRelationship(node);
  }
  if (group === '' && a.resource === 'persistentvolumes') {
    if (a.verb !== 'get' || !a.name) return deny(`node '${node}' can only get individual persistentvolumes`);
    return (await volumeRelated(db, node, a.name)) ? ALLOW : noRelationship(node);
  }
  if (group === '' && a.resource === 'serviceaccounts' && a.subresource === 'token') {
    if (a.verb !== 'create' || !a.name) return deny(`node '${node}' can only create tokens for individual service accounts`);
    const pods = await podsOn(db, node, ns);
    return pods.some((p) => (p.spec?.serviceAccountName || 'default') === a.name) ? ALLOW : noRelationship(node);
  }
  if (group === '' && a.resource === 'nodes') {
    if (READS.has(a.verb)) return 'rbac';
    // create names the node in the body: NodeRestriction admission checks it.
    if (a.verb === 'create') return 'rbac';
    return a.name === node ? 'rbac' : deny(`node '${node}' cannot modify node '${a.name ?? ''}'`);
  }
  if (group === 'coordination.k8s.io' && a.resource === 'leases' && ns === 'kube-node-lease') {
    if (a.verb === 'create' || a.verb === 'list' || a.verb === 'watch') return 'rbac';
    return a.name === node ? 'rbac' : deny(`node '${node}' cannot ${a.verb} lease '${a.name ?? ''}'`);
  }
  return 'rbac';
}

async function decidePod(db: Db, node: string, a: RequestAttributes): Promise<Decision | 'rbac'> {
  if (a.verb === 'list' || a.verb === 'watch') {
    // Cluster-wide reads of pods are what a NetworkPolicy agent needs (peers are pods of any node, by
    // labels and IP), as CNI agents such as calico-node are granted; upstream's authorizer denies them.
    // Pinned to another node they are still refused: no kubelet reads another node's pods.
    const pinned = pinnedField(a.fieldSelector, 'spec.nodeName');
    return pinned === undefined || pinned === node ? 'rbac' : deny(`can only ${a.verb} pods with spec.nodeName field selector`);
  }
  if (a.verb === 'create' && !a.subresource) return deny(`node '${node}' can only create mirror pods`);
  if (a.verb === 'deletecollection') return deny(`node '${node}' cannot delete collections of pods`);
  if (!a.name) return deny(`node '${node}' cannot ${a.verb} pods`);
  const sub = a.subresource ?? '';
  // The kubelet reads its pods, writes their status, deletes them once stopped and may evict them.
  const allowedHere = sub === '' ? a.verb === 'get' || a.verb === 'delete' : sub === 'status' ? ['get', 'update', 'patch'].includes(a.verb) : sub === 'eviction' && a.verb === 'create';
  if (!allowedHere) return deny(`node '${node}' cannot ${a.verb} pods${sub ? `/${sub}` : ''}`);
  const row = await getObject(db, { resource: 'pods', namespace: a.namespace ?? '', name: a.name });
  // A pod that does not exist: let RBAC decide, so the caller sees 404 rather than a misleading 403.
  if (!row) return 'rbac';
  const pod = JSON.parse(row.json) as StoredPod;
  return pod.spec?.nodeName === node ? 'rbac' : noRelationship(node);
}

async function podsOn(db: Db, node: string, namespace?: string): Promise<StoredPod[]> {
  const { rows } = await listObjects(db, { resource: 'pods', nodeName: node, namespace });
  return rows.map((r) => JSON.parse(r.json) as StoredPod);
}

async function volumeRelated(db: Db, node: string, pvName: string): Promise<boolean> {
  for (const pod of await podsOn(db, node)) {
    for (const claim of podReferences(pod.metadata.name, pod.spec).claims) {
      const row = await getObject(db, { resource: 'persistentvolumeclaims', namespace: pod.metadata.namespace ?? '', name: claim });
      if (row && (JSON.parse(row.json) as { spec?: { volumeName?: string } }).spec?.volumeName === pvName) return true;
    }
  }
  return false;
}
