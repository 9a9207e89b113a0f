// First-start state every cluster has: the system namespaces. Runs once per database (tracked in the
// meta table), serialized through the Maintenance Durable Object; each isolate asks only once.
import { sql } from 'drizzle-orm';
import type { KObject } from '../../kube/registry/types';
import type { Env } from './env';
import { defaultClusterRoleBindings, defaultClusterRoles } from '../../kube/rbac';
import { builtinRegistry } from './registry';
import { createObject, type Db } from './store';
import { indexColumns, nowTimestamp } from './handlers/common';
import { firstAddress } from './allocation/cidr';
import { serviceAllocations, serviceCidr } from './allocation/service';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** Bump when bootstrap() learns to create something new. */
export const BOOTSTRAP_VERSION = 3;

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
  await db.run(sql`INSERT INTO meta (key, value) VALUES ('bootstrap', ${BOOTSTRAP_VERSION}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
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
    await createObject(db, { resource, namespace: '', name: obj.metadata.name! }, obj, indexColumns(def, obj)); // exists → no-op
  }
}
