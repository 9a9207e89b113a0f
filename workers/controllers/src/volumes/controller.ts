// The volume binding controller: binds claims to volumes, provisions local-path volumes, and keeps
// volume phases and reclaim policies (a released local-path volume's directory goes first: cleanup.ts).
// Decisions in plan.ts (pure).
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import type { ControllerSpec, ReconcileContext } from '../runtime/types';
import { cleanupTarget, helperPod, helperPodName, helperState, HELPER_NAMESPACE, type CleanupTarget } from './cleanup';
import { planClaim, planVolume } from './plan';
import { BIND_COMPLETED, BOUND_BY_CONTROLLER, type Claim, type StorageClass, type Volume } from './types';

const CLAIMS = 'persistentvolumeclaims';
const VOLUMES = 'persistentvolumes';
const CLASSES = 'storage.k8s.io/storageclasses';

const claimPath = (ns: string, name: string, sub = '') => `/api/v1/namespaces/${encodeURIComponent(ns)}/persistentvolumeclaims/${encodeURIComponent(name)}${sub}`;
const volumePath = (name = '', sub = '') => `/api/v1/persistentvolumes${name ? `/${encodeURIComponent(name)}` : ''}${sub}`;

async function ignore<T>(p: Promise<T>, ...codes: number[]): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof StatusError && codes.includes(e.code)) return undefined;
    throw e;
  }
}

export const volumeBindingController: ControllerSpec = {
  name: 'persistentvolume-binder-controller',
  watches: [
    { resource: CLAIMS, listPath: '/api/v1/persistentvolumeclaims' },
    { resource: VOLUMES, listPath: '/api/v1/persistentvolumes' },
    { resource: CLASSES, listPath: '/apis/storage.k8s.io/v1/storageclasses' },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === CLAIMS) {
      const keys = [`claim:${obj.metadata.namespace}/${obj.metadata.name}`];
      const vn = (obj as Claim).spec?.volumeName ?? (old as Claim | undefined)?.spec?.volumeName;
      if (vn) keys.push(`volume:${vn}`);
      // A deleted claim releases the volume reserved for it.
      for (const v of cache.list(VOLUMES) as Volume[]) {
        const ref = v.spec?.claimRef;
        if (ref?.namespace === obj.metadata.namespace && ref?.name === obj.metadata.name) keys.push(`volume:${v.metadata.name}`);
      }
      return keys;
    }
    if (resource === VOLUMES) {
      const ref = (obj as Volume).spec?.claimRef;
      const keys = [`volume:${obj.metadata.name}`];
      if (ref?.namespace && ref.name) keys.push(`claim:${ref.namespace}/${ref.name}`);
      // A new volume may suit any waiting claim.
      for (const c of cache.list(CLAIMS) as Claim[]) if (!c.spec?.volumeName) keys.push(`claim:${c.metadata.namespace}/${c.metadata.name}`);
      return keys;
    }
    return (cache.list(CLAIMS) as Claim[]).filter((c) => !c.spec?.volumeName).map((c) => `claim:${c.metadata.namespace}/${c.metadata.name}`);
  },
  async reconcile(key, ctx) {
    if (key.startsWith('volume:')) return reconcileVolume(ctx, key.slice('volume:'.length));
    return reconcileClaim(ctx, key.slice('claim:'.length));
  },
};

async function reconcileClaim(ctx: ReconcileContext, key: string) {
  const claim = ctx.cache.get(CLAIMS, key) as Claim | undefined;
  if (!claim) return;
  const ns = claim.metadata.namespace ?? '';
  const name = claim.metadata.name ?? '';
  const a = planClaim(claim, ctx.cache.list(VOLUMES) as Volume[], ctx.cache.list(CLASSES) as StorageClass[]);
  switch (a.action) {
    case 'none':
      return;
    case 'wait':
      ctx.event(claim, a.reason === 'FailedBinding' ? 'Warning' : 'Normal', a.reason, a.message);
      return a.reason === 'FailedBinding' ? { requeueAfterMs: 15_000 } : undefined;
    case 'status':
      await ignore(ctx.api.patch(claimPath(ns, name, '/status'), { status: a.phase === 'Bound' ? boundStatus(a.volume!) : { phase: 'Lost' } }), 404);
      if (a.phase === 'Lost') ctx.event(claim, 'Warning', 'ClaimLost', `Bound claim has lost its PersistentVolume. Data on the volume is lost!`);
      return;
    case 'provision': {
      const created = await ignore(ctx.api.create<KObject>(volumePath(), a.volume), 409);
      if (created) {
        ctx.cache.apply(VOLUMES, 'ADDED', created);
        ctx.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${a.volume.metadata.name}`);
      }
      // Bound on the next pass, from the volume's watch event.
      return { requeueAfterMs: 500 };
    }
    case 'bind':
      await bind(ctx, claim, a.volume);
      return;
  }
}

function boundStatus(v: Volume) {
  return { phase: 'Bound', capacity: v.spec?.capacity, accessModes: v.spec?.accessModes };
}

/** Volume first (claimRef, then phase), then claim (volumeName, then status), as upstream orders it. */
async function bind(ctx: ReconcileContext, claim: Claim, v: Volume) {
  const ns = claim.metadata.namespace ?? '';
  const name = claim.metadata.name ?? '';
  const vname = v.metadata.name ?? '';
  if (v.spec?.claimRef?.uid !== claim.metadata.uid) {
    const claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion };
    // The volume's resourceVersion guards against two claims taking it at once.
    const updated = await ignore(ctx.api.update<KObject>(volumePath(vname), { ...v, metadata: { ...v.metadata, annotations: { ...(v.metadata.annotations ?? {}), [BOUND_BY_CONTROLLER]: 'yes' } }, spec: { ...v.spec, claimRef } }), 409, 404);
    if (!updated) return { requeueAfterMs: 200 };
    ctx.cache.apply(VOLUMES, 'MODIFIED', updated);
  }
  await ignore(ctx.api.patch(volumePath(vname, '/status'), { status: { phase: 'Bound' } }), 404);
  if (claim.spec?.volumeName !== vname) {
    const patched = await ignore(
      ctx.api.patch<KObject>(claimPath(ns, name), { metadata: { annotations: { [BIND_COMPLETED]: 'yes', [BOUND_BY_CONTROLLER]: 'yes' }, resourceVersion: claim.metadata.resourceVersion }, spec: { volumeName: vname } }),
      409,
      404,
    );
    if (!patched) return { requeueAfterMs: 200 };
  }
  await ignore(ctx.api.patch(claimPath(ns, name, '/status'), { status: boundStatus(v) }), 404);
  return undefined;
}

async function reconcileVolume(ctx: ReconcileContext, name: string) {
  const v = ctx.cache.get(VOLUMES, name) as Volume | undefined;
  if (!v) return;
  const a = planVolume(v, ctx.cache.list(CLAIMS) as Claim[]);
  if (a.action === 'phase') await ignore(ctx.api.patch(volumePath(name, '/status'), { status: { phase: a.phase } }), 404);
  if (a.action === 'delete') {
    const t = cleanupTarget(v);
    if (t) return removeDirectory(ctx, v, t);
    await ignore(ctx.api.delete(volumePath(name), { preconditions: { uid: v.metadata.uid } }), 404, 409);
  }
}

const helperPath = (name = '') => `/api/v1/namespaces/${HELPER_NAMESPACE}/pods${name ? `/${encodeURIComponent(name)}` : ''}`;

/** Runs (or follows) the helper pod that clears the volume's directory; deletes the volume after it succeeded. */
async function removeDirectory(ctx: ReconcileContext, v: Volume, t: CleanupTarget) {
  const name = v.metadata.name ?? '';
  const podName = helperPodName(v);
  const pod = await ctx.api.getOrNull<KObject & { status?: { phase?: string; containerStatuses?: { state?: { terminated?: { message?: string; exitCode?: number } } }[] } }>(helperPath(podName));
  switch (helperState(pod)) {
    case 'missing': {
      // A node that no longer exists took the directory with it: nothing to remove.
      if (!(await ctx.api.getOrNull(`/api/v1/nodes/${encodeURIComponent(t.node)}`))) {
        await ignore(ctx.api.delete(volumePath(name), { preconditions: { uid: v.metadata.uid } }), 404, 409);
        return undefined;
      }
      const image = typeof ctx.env?.LOCAL_PATH_HELPER_IMAGE === 'string' ? ctx.env.LOCAL_PATH_HELPER_IMAGE : undefined;
      await ignore(ctx.api.create(helperPath(), helperPod(v, t, image)), 409);
      if (v.status?.phase !== 'Released') await ignore(ctx.api.patch(volumePath(name, '/status'), { status: { phase: 'Released' } }), 404);
      return { requeueAfterMs: 1_000 };
    }
    case 'running':
      return { requeueAfterMs: 1_000 };
    case 'failed': {
      const term = pod?.status?.containerStatuses?.[0]?.state?.terminated;
      ctx.event(v, 'Warning', 'VolumeFailedDelete', `removing ${t.parent}/${t.dir} on node ${t.node} failed (exit code ${term?.exitCode ?? 'unknown'}${term?.message ? `: ${term.message}` : ''}); retrying`);
      await ignore(ctx.api.delete(helperPath(podName), { gracePeriodSeconds: 0 }), 404);
      return { requeueAfterMs: 10_000 };
    }
    case 'succeeded':
      await ignore(ctx.api.delete(volumePath(name), { preconditions: { uid: v.metadata.uid } }), 404, 409);
      await ignore(ctx.api.delete(helperPath(podName), { gracePeriodSeconds: 0 }), 404);
      return undefined;
  }
}
