// First-start state every cluster has: the system namespaces. Runs once per database (tracked in the
// meta table), serialized through the Maintenance Durable Object; each isolate asks only once.
import { sql } from 'drizzle-orm';
import type { KObject } from '../../kube/registry/types';
import type { Env } from './env';
import { defaultClusterRoleBindings, defaultClusterRoles } from '../../kube/rbac';
import { builtinRegistry } from './registry';
import { createObject, getObject, updateObject, type Db } from './store';
import { indexColumns, nowTimestamp } from './handlers/common';
import { firstAddress } from './allocation/cidr';
import { serviceAllocations, serviceCidr } from './allocation/service';
import { createDefaultServiceAccounts } from './auth/serviceaccount/bootstrap';
import { createDefaultIngressClass } from './bootstrap-ingress-class';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** Bump when bootstrap() learns to create something new. */
export const BOOTSTRAP_VERSION = 7;

let done: Promise<void> | undefined;

export function ensureBootstrapped(env: Env): Promise<void> {
  if (!done) {
    const stub = env.MAINTENANCE.get(env.MAINTENANCE.idFromName('cluster'));
    done = stub.start().catch((err: unknown) => {
      done = undefined;
      throw err;
    });
  }
  return done;
}

export async function bootstrap(db: Db, serviceCidrText?: string): Promise<void> {
  const row = await db.get<{ value: number }>(sql`SELECT value FROM meta WHERE key = 'bootstrap'`);
  if ((row?.value ?? 0) >= BOOTSTRAP_VERSION) return;
  const def = builtinRegistry.find('', 'v1', 'namespaces');
  if (!def) throw new Error('namespaces are not registered');
  for (const name of SYSTEM_NAMESPACES) {
    const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: crypto.randomUUID(), creationTimestamp: nowTimestamp() } };
    def.prepareForCreate?.(ns);
    def.defaults?.(ns);
    await createObject(db, { resource: 'namespaces', namespace: '', name }, ns, indexColumns(def, ns)); // exists → no-op
  }
  await createKubernetesService(db, serviceCidrText);
  await createDefaultRbac(db);
  await createClusterInfoRole(db);
  await createDefaultStorageClass(db);
  await createDefaultServiceAccounts(db, SYSTEM_NAMESPACES);
  await createSystemPriorityClasses(db);
  await createDefaultIngressClass(db);
  await db.run(sql`INSERT INTO meta (key, value) VALUES ('bootstrap', ${BOOTSTRAP_VERSION}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
}

/** The built-in system-cluster-critical and system-node-critical PriorityClasses, as upstream's apiserver creates. */
async function createSystemPriorityClasses(db: Db) {
  const def = builtinRegistry.find('scheduling.k8s.io', 'v1', 'priorityclasses');
  if (!def) throw new Error('priorityclasses are not registered');
  const classes: [string, number, string][] = [
    ['system-node-critical', 2_000_001_000, 'Used for system critical pods that must not be moved from their current node.'],
    ['system-cluster-critical', 2_000_000_000, 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.'],
  ];
  for (const [name, value, description] of classes) {
    const pc: KObject & Record<string, unknown> = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name, uid: crypto.randomUUID(), creationTimestamp: nowTimestamp() }, value, description };
    def.defaults?.(pc);
    await createObject(db, { resource: 'scheduling.k8s.io/priorityclasses', namespace: '', name }, pc, indexColumns(def, pc)); // exists → no-op
  }
}

/**
 * `local-path`, the default StorageClass: the built-in provisioner (the volume binding controller)
 * makes a directory on the node the claim's first pod is scheduled to, as k3s' local-path does.
 */
async function createDefaultStorageClass(db: Db) {
  const def = builtinRegistry.find('storage.k8s.io', 'v1', 'storageclasses');
  if (!def) throw new Error('storageclasses are not registered');
  const sc: KObject & Record<string, unknown> = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local-path', uid: crypto.randomUUID(), creationTimestamp: nowTimestamp(), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'kubeflare.dev/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
  def.defaults?.(sc);
  await createObject(db, { resource: 'storage.k8s.io/storageclasses', namespace: '', name: 'local-path' }, sc, indexColumns(def, sc)); // exists → no-op
}

/** The `kubernetes` Service in `default`, at the first address of the service range, as upstream has. */
async function createKubernetesService(db: Db, cidrText?: string) {
  const def = builtinRegistry.find('', 'v1', 'services');
  if (!def) throw new Error('services are not registered');
  const ip = firstAddress(serviceCidr(cidrText));
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', uid: crypto.randomUUID(), creationTimestamp: nowTimestamp(), labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
  };
  def.prepareForCreate?.(svc);
  def.defaults?.(svc);
  const key = { resource: 'services', namespace: 'default', name: 'kubernetes' };
  await createObject(db, key, svc, indexColumns(def, svc), serviceAllocations(svc)); // exists → no-op
}

/** The default ClusterRoles and bindings (cluster-admin, admin, edit, view, the system roles). */
async function createDefaultRbac(db: Db) {
  const roles = builtinRegistry.find('rbac.authorization.k8s.io', 'v1', 'clusterroles');
  const bindings = builtinRegistry.find('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings');
  if (!roles || !bindings) throw new Error('rbac is not registered');
  const items: [typeof roles, string, KObject][] = [
    ...defaultClusterRoles().map((o) => [roles, 'rbac.authorization.k8s.io/clusterroles', o as unknown as KObject] as [typeof roles, string, KObject]),
    ...defaultClusterRoleBindings().map((o) => [bindings, 'rbac.authorization.k8s.io/clusterrolebindings', o as unknown as KObject] as [typeof roles, string, KObject]),
  ];
  for (const [def, resource, obj] of items) {
    obj.metadata = { ...obj.metadata, uid: crypto.randomUUID(), creationTimestamp: nowTimestamp() };
    def.defaults?.(obj);
    const key = { resource, namespace: '', name: obj.metadata.name! };
    const created = await createObject(db, key, obj, indexColumns(def, obj));
    if (!created.ok) await addMissingDefaults(db, def, key, obj);
  }
}

/**
 * Upstream's RBAC reconciliation on start: a default object still annotated autoupdate=true gains the
 * rules and subjects a newer default has (nothing is removed), so an existing cluster learns new defaults.
 */
async function addMissingDefaults(db: Db, def: NonNullable<ReturnType<typeof builtinRegistry.find>>, key: { resource: string; namespace: string; name: string }, want: KObject) {
  const row = await getObject(db, key);
  if (!row) return;
  const have = JSON.parse(row.json) as KObject & { rules?: unknown[]; subjects?: unknown[] };
  if (have.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] !== 'true') return;
  let changed = false;
  for (const field of ['rules', 'subjects'] as const) {
    const wanted = (want as Record<string, unknown>)[field] as unknown[] | undefined;
    if (!wanted) continue;
    const list = (have[field] ??= []);
    const seen = new Set(list.map((x) => JSON.stringify(x)));
    for (const item of wanted) if (!seen.has(JSON.stringify(item))) (list.push(item), (changed = true));
  }
  if (changed) await updateObject(db, key, row.rv, have, indexColumns(def, have)); // a conflict: a newer start does it
}

/** kubeadm's discovery: anyone may read kube-public/cluster-info (the CA, signed per bootstrap token). */
async function createClusterInfoRole(db: Db) {
  const roleDef = builtinRegistry.find('rbac.authorization.k8s.io', 'v1', 'roles');
  const bindingDef = builtinRegistry.find('rbac.authorization.k8s.io', 'v1', 'rolebindings');
  if (!roleDef || !bindingDef) throw new Error('rbac is not registered');
  const name = 'kubeadm:bootstrap-signer-clusterinfo';
  const metadata = () => ({ name, namespace: 'kube-public', uid: crypto.randomUUID(), creationTimestamp: nowTimestamp() });
  const role: KObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: metadata(), rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['cluster-info'], verbs: ['get'] }] } as KObject;
  const binding: KObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: metadata(),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' }],
  } as KObject;
  for (const [def, resource, obj] of [[roleDef, 'rbac.authorization.k8s.io/roles', role], [bindingDef, 'rbac.authorization.k8s.io/rolebindings', binding]] as const) {
    def.defaults?.(obj);
    await createObject(db, { resource, namespace: 'kube-public', name }, obj, indexColumns(def, obj)); // exists → no-op
  }
}
