// The node lifecycle controller: watches Nodes, their Leases in kube-node-lease and the pods bound to
// them. A node not heard from for the grace period turns Unknown and gets the unreachable taints
// (NoExecute ones metered per zone), its pods turn not Ready, and pods that do not tolerate the
// NoExecute taints long enough are deleted so their controllers replace them elsewhere. Decisions in
// health.ts, taints.ts, eviction.ts and zones.ts (pure); this file only reads the cache and writes.
import type { ApiClient } from '../../../kube/client';
import { StatusError } from '../../../kube/status';
import type { Cache } from '../runtime/cache';
import type { ControllerSpec, ReconcileContext } from '../runtime/types';
import { type NodeLifecycleConfig, nodeLifecycleConfig } from './config';
import { planEvictions, podsToMarkNotReady } from './eviction';
import { nodeHealth, readyCondition } from './health';
import { needsLimitedNoExecute, noExecuteTaints, planTaints } from './taints';
import { type Lease, type Node, NODE_LEASE_NAMESPACE, type Pod, type Taint, timestamp } from './types';
import { type TokenBucket, type ZoneView, takeToken, zoneOf, zoneRate, zoneView } from './zones';

const NODES = 'nodes';
const LEASES = 'coordination.k8s.io/leases';
const PODS = 'pods';
/** Zone health is recomputed at most this often (it looks at every node). */
const ZONE_VIEW_TTL_MS = 1_000;
/** How often a node waiting on a stopped limiter (rate 0, or every zone down) looks again. */
const BLOCKED_RECHECK_MS = 10_000;

const nodePath = (name: string, sub?: string) => `/api/v1/nodes/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
const podPath = (p: Pod, sub?: string) =>
  `/api/v1/namespaces/${encodeURIComponent(p.metadata.namespace ?? 'default')}/pods/${encodeURIComponent(p.metadata.name ?? '')}${sub ? `/${sub}` : ''}`;
const leaseOf = (cache: Cache, node: string) => cache.get(LEASES, `${NODE_LEASE_NAMESPACE}/${node}`) as Lease | undefined;

/** Whether a node is in a state where its pods matter to this controller. */
function troubled(node: Node | undefined): boolean {
  if (!node) return false;
  return readyCondition(node)?.status !== 'True' || noExecuteTaints(node.spec?.taints).length > 0;
}

/** `clock` stamps when a Lease renewal is first seen (tests pass their own). */
export function createNodeLifecycleController(opts: { clock?: () => number } = {}): ControllerSpec {
  const clock = opts.clock ?? Date.now;
  // Per-zone limiter state lives with the controller's Durable Object; losing it only refills buckets.
  const buckets = new Map<string, TokenBucket>();
  let zones: { at: number; view: ZoneView } | undefined;

  // When this controller first saw each node's current Lease renewal (upstream's probeTimestamp). In
  // memory only: after a restart every node is heard from at its first sight, a grace period at most
  // later than it would have been (upstream's controller restarts the same way).
  const observed = new Map<string, { renewTime: string; at: number }>();
  const observedAt = (name: string, lease: Lease | undefined) => {
    const o = observed.get(name);
    return o && o.renewTime === lease?.spec?.renewTime ? o.at : undefined;
  };
  const healthOf = (cache: Cache, n: Node, asOf: number, cfg: NodeLifecycleConfig) => {
    const lease = leaseOf(cache, n.metadata.name!);
    return nodeHealth(n, lease, asOf, cfg.gracePeriodMs, observedAt(n.metadata.name!, lease));
  };

  const zoneViewAt = (cache: Cache, now: number, cfg: NodeLifecycleConfig): ZoneView => {
    if (zones && now - zones.at < ZONE_VIEW_TTL_MS && now >= zones.at) return zones.view;
    const nodes = (cache.list(NODES) as Node[]).map((n) => ({ zone: zoneOf(n), ready: healthOf(cache, n, now, cfg).ready === 'True' }));
    zones = { at: now, view: zoneView(nodes, cfg.unhealthyZoneThreshold) };
    return zones.view;
  };

  return {
    name: 'node-lifecycle-controller',
    watches: [
      { resource: NODES, listPath: '/api/v1/nodes' },
      // 100 renewals a second at 1,000 nodes: a poke each cost the API's single thread as much as the
      // renewals themselves (4.6 vs 4.1 ms of CPU per renewal); read them at most every second instead
      // (runtime UNSUBSCRIBED_EVERY_MS), judging silence as of that read (ctx.syncedAt).
      { resource: LEASES, listPath: `/apis/coordination.k8s.io/v1/namespaces/${NODE_LEASE_NAMESPACE}/leases`, poke: false },
      { resource: PODS, listPath: '/api/v1/pods', pokeIntervalMs: 1_000 },
    ],
    keysFor(resource, obj, old, cache) {
      if (resource === NODES) return [obj.metadata.name!];
      if (resource === LEASES) {
        if (obj.metadata.namespace !== NODE_LEASE_NAMESPACE) return [];
        const name = obj.metadata.name!;
        const current = cache.get(LEASES, `${NODE_LEASE_NAMESPACE}/${name}`) as Lease | undefined;
        const renewTime = current?.spec?.renewTime;
        if (!renewTime) observed.delete(name);
        else if (observed.get(name)?.renewTime !== renewTime) observed.set(name, { renewTime, at: clock() });
        return [name];
      }
      // Pods only matter on nodes that are not Ready or carry NoExecute taints.
      const keys = new Set<string>();
      for (const p of [obj, old] as (Pod | undefined)[]) {
        const nodeName = p?.spec?.nodeName;
        if (nodeName && troubled(cache.get(NODES, nodeName) as Node | undefined)) keys.add(nodeName);
      }
      return [...keys];
    },
    resyncMs: 60_000,
    async reconcile(name, ctx) {
      const node = ctx.cache.get(NODES, name) as Node | undefined;
      if (!node) return;
      const cfg = nodeLifecycleConfig(ctx.env);
      const now = ctx.now;
      // Silence is judged as of the last catch-up: a renewal committed since is not in the cache yet.
      const asOf = ctx.syncedAt ? Math.min(ctx.syncedAt, now) : now;
      const health = healthOf(ctx.cache, node, asOf, cfg);
      if (health.conditions) {
        await ignoreGone(ctx.api.patch(nodePath(name, 'status'), { status: { conditions: health.conditions } }, 'application/strategic-merge-patch+json'));
        if (health.change === 'NotReady') ctx.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        if (health.change === 'Ready') ctx.event(node, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
      }

      const current = node.spec?.taints ?? [];
      const unhealthy = health.ready !== 'True' && health.ready !== undefined;
      const view = unhealthy || noExecuteTaints(current).length ? zoneViewAt(ctx.cache, asOf, cfg) : undefined;
      const zone = zoneOf(node);
      let granted: TokenBucket | undefined;
      let waitMs: number | undefined;
      if (view && !view.allFullyDisrupted && needsLimitedNoExecute(current, health.ready)) {
        const take = takeToken(buckets.get(zone), zoneRate(view.states.get(zone), view.sizes.get(zone) ?? 0, cfg), now);
        if (take.taken) granted = take.bucket;
        else {
          buckets.set(zone, take.bucket);
          waitMs = take.waitMs ?? BLOCKED_RECHECK_MS;
        }
      }
      const plan = planTaints(current, health.ready, now, { allowNoExecute: granted !== undefined, suppressNoExecute: view?.allFullyDisrupted ?? false });
      if (plan.changed) {
        // The token is spent only when the taint it paid for was written.
        if ((await ignoreGone(writeTaints(ctx.api, name, node.spec?.taints, plan.taints))) && granted) buckets.set(zone, granted);
      }
      if (plan.pending) waitMs = Math.min(waitMs ?? BLOCKED_RECHECK_MS, BLOCKED_RECHECK_MS);

      let nextAt: number | undefined;
      if (unhealthy || noExecuteTaints(plan.taints).length) {
        const pods = (ctx.cache.list(PODS) as Pod[]).filter((p) => p.spec?.nodeName === name);
        for (const p of podsToMarkNotReady(pods, health.ready)) await markNotReady(ctx, p, now);
        const evictions = planEvictions(plan.taints, pods, now, cfg.podEvictionTimeoutSeconds);
        for (const p of evictions.evict) await evict(ctx, p, now);
        nextAt = evictions.nextAt;
      }

      const delays = [waitMs, nextAt !== undefined ? nextAt - now : undefined, health.staleAt !== undefined ? health.staleAt - now : undefined].filter((d): d is number => d !== undefined);
      // A little past the deadline, as a node is stale only strictly after its grace period.
      return delays.length ? { requeueAfterMs: Math.max(0, Math.min(...delays)) + 50 } : undefined;
    },
  };
}

export const nodeLifecycleController = createNodeLifecycleController();

/** Replaces the taint list only if it is still what the decision was based on (a JSON patch test). */
function writeTaints(api: ApiClient, name: string, before: Taint[] | undefined, after: Taint[]) {
  const ops = before ? [{ op: 'test', path: '/spec/taints', value: before }, { op: 'replace', path: '/spec/taints', value: after }] : [{ op: 'add', path: '/spec/taints', value: after }];
  return api.patch(nodePath(name), ops, 'application/json-patch+json');
}

async function markNotReady(ctx: ReconcileContext, pod: Pod, now: number) {
  const patch = { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: timestamp(now) }] } };
  if (await ignoreGone(ctx.api.patch(podPath(pod, 'status'), patch, 'application/strategic-merge-patch+json'))) ctx.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
}

/** As upstream's taint manager: say why on the pod (DisruptionTarget), then delete it. */
async function evict(ctx: ReconcileContext, pod: Pod, now: number) {
  const target = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: timestamp(now) };
  if (!(await ignoreGone(ctx.api.patch(podPath(pod, 'status'), { status: { conditions: [target] } }, 'application/strategic-merge-patch+json')))) return;
  ctx.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
  await ignoreGone(ctx.api.delete(podPath(pod), { preconditions: { uid: pod.metadata.uid } }));
}

/** Awaits a write; false when its object is gone (or was replaced), which is not an error here. */
async function ignoreGone(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return false;
    throw e;
  }
}
