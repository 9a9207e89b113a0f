// The horizontal pod autoscaler controller (autoscaling/v2): every sync period (15 s, or
// HPA_SYNC_PERIOD_SECONDS) each HPA reads its target's /scale, the target's pods and their
// metrics.k8s.io usage, decides (decide.ts) and writes the new replica count through /scale, then its
// own status. Recommendations and scale events for stabilization and rate limits are kept in memory
// per HPA, as upstream's controller keeps them; after an eviction they start empty (a fresh
// controller behaves the same upstream).
import type { HorizontalPodAutoscaler } from '../../../kube/resources/autoscaling/hpa/schema';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import type { Pod } from '../controllers/common/types';
import { timestamp } from '../controllers/common/time';
import type { ControllerSpec, ReconcileContext } from '../runtime/types';
import { splitKey } from '../workloads/owners';
import { type HpaHistory, newHistory, recordScaleEvent } from './behavior';
import { type Condition, decide } from './decide';
import type { PodMetricsItem } from './inputs';
import { type HpaStatus, sameStatus, withTransitions } from './status';
import { type Scale, scalePath } from './target';

const HPAS = 'autoscaling/horizontalpodautoscalers';
const DEFAULT_SYNC_SECONDS = 15;

type HPA = HorizontalPodAutoscaler & KObject & { status?: HpaStatus };

interface Memory {
  uid?: string;
  generation?: number;
  lastSync: number;
  history: HpaHistory;
}

function seconds(v: unknown, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function makeHorizontalPodAutoscalerController(): ControllerSpec {
  const memory = new Map<string, Memory>();
  return {
    name: 'horizontal-pod-autoscaler',
    watches: [{ resource: HPAS, listPath: '/apis/autoscaling/v2/horizontalpodautoscalers' }],
    keysFor: (_resource, obj) => [`${obj.metadata.namespace}/${obj.metadata.name}`],
    async reconcile(key, ctx) {
      const hpa = ctx.cache.get(HPAS, key) as HPA | undefined;
      if (!hpa || hpa.metadata.deletionTimestamp) {
        memory.delete(key);
        return;
      }
      const periodMs = seconds(ctx.env?.HPA_SYNC_PERIOD_SECONDS, DEFAULT_SYNC_SECONDS) * 1000;
      let mem = memory.get(key);
      if (!mem || mem.uid !== hpa.metadata.uid) memory.set(key, (mem = { uid: hpa.metadata.uid, lastSync: 0, history: newHistory() }));
      // Our own status writes wake us too: act once per period, but at once on a spec change.
      const since = ctx.now - mem.lastSync;
      if (mem.generation === hpa.metadata.generation && since < periodMs) return { requeueAfterMs: periodMs - since };
      mem.lastSync = ctx.now;
      mem.generation = hpa.metadata.generation;
      try {
        await sync(hpa, key, ctx, mem);
      } catch (e) {
        mem.lastSync = 0;
        throw e;
      }
      return { requeueAfterMs: periodMs };
    },
  };
}

async function sync(hpa: HPA, key: string, ctx: ReconcileContext, mem: Memory): Promise<void> {
  const { namespace } = splitKey(key);
  const subject = { ...hpa, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' };
  const ref = hpa.spec?.scaleTargetRef;
  const now = timestamp(new Date(ctx.now));
  let path: string;
  let scale: Scale;
  try {
    if (!ref) throw new Error('spec.scaleTargetRef is not set');
    path = await scalePath(ctx.api, namespace, ref);
    scale = await ctx.api.get<Scale>(path);
  } catch (e) {
    ctx.event(subject, 'Warning', 'FailedGetScale', errText(e));
    const failed: Condition = { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${errText(e)}` };
    await writeStatus(ctx, hpa, { ...hpa.status, conditions: withTransitions([failed], hpa.status?.conditions, now) });
    return;
  }
  const current = scale.spec?.replicas ?? 0;
  const selector = scale.status?.selector;
  if (!selector) {
    const bad: Condition[] = [
      { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" },
      { type: 'ScalingActive', status: 'False', reason: 'InvalidSelector', message: 'the HPA target\'s scale is missing a selector' },
    ];
    ctx.event(subject, 'Warning', 'SelectorRequired', 'selector is required');
    await writeStatus(ctx, hpa, { ...hpa.status, currentReplicas: current, desiredReplicas: current, conditions: withTransitions(bad, hpa.status?.conditions, now) });
    return;
  }
  const ns = encodeURIComponent(namespace);
  const [pods, metrics] = await Promise.all([
    ctx.api.list<Pod>(`/api/v1/namespaces/${ns}/pods`, { labelSelector: selector }).then((l) => l.items),
    // No metrics API answer counts as no metrics: the decision then reports the failure.
    ctx.api
      .list<PodMetricsItem>(`/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`, { labelSelector: selector })
      .then((l) => l.items)
      .catch(() => [] as PodMetricsItem[]),
  ]);
  const d = decide({ hpa, currentReplicas: current, pods, metrics, now: ctx.now, history: mem.history, downscaleStabilizationMs: seconds(ctx.env?.HPA_DOWNSCALE_STABILIZATION_SECONDS, 300) * 1000 });
  for (const [reason, message] of d.warnings) ctx.event(subject, 'Warning', reason, message);
  let lastScaleTime = hpa.status?.lastScaleTime;
  const conditions = d.conditions;
  if (d.rescale) {
    try {
      await ctx.api.patch(path, { spec: { replicas: d.desiredReplicas } });
    } catch (e) {
      if (e instanceof StatusError && e.code === 409) throw e;
      ctx.event(subject, 'Warning', 'FailedRescale', `New size: ${d.desiredReplicas}; reason: ${d.reason}; error: ${errText(e)}`);
      conditions[0] = { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${errText(e)}` };
      await writeStatus(ctx, hpa, { ...status(hpa, current, d.desiredReplicas, d.currentMetrics, lastScaleTime), conditions: withTransitions(conditions, hpa.status?.conditions, now) });
      return;
    }
    recordScaleEvent(hpa.spec?.behavior, mem.history, current, d.desiredReplicas, ctx.now);
    conditions[0] = { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${d.desiredReplicas}` };
    ctx.event(subject, 'Normal', 'SuccessfulRescale', `New size: ${d.desiredReplicas}; reason: ${d.reason}`);
    lastScaleTime = now;
    console.log(JSON.stringify({ msg: 'hpa rescale', hpa: key, from: current, to: d.desiredReplicas, reason: d.reason }));
  }
  await writeStatus(ctx, hpa, { ...status(hpa, current, d.rescale ? d.desiredReplicas : current, d.currentMetrics, lastScaleTime), conditions: withTransitions(conditions, hpa.status?.conditions, now) });
}

function status(hpa: HPA, current: number, desired: number, currentMetrics: unknown[], lastScaleTime: string | undefined): HpaStatus {
  return {
    ...(hpa.metadata.generation !== undefined ? { observedGeneration: hpa.metadata.generation } : {}),
    ...(lastScaleTime ? { lastScaleTime } : {}),
    currentReplicas: current,
    desiredReplicas: desired,
    ...(currentMetrics.length ? { currentMetrics } : {}),
  };
}

async function writeStatus(ctx: ReconcileContext, hpa: HPA, next: HpaStatus): Promise<void> {
  if (sameStatus(hpa.status, next)) return;
  const { namespace, name } = hpa.metadata;
  const path = `/apis/autoscaling/v2/namespaces/${encodeURIComponent(namespace!)}/horizontalpodautoscalers/${encodeURIComponent(name!)}/status`;
  try {
    const updated = await ctx.api.update(path, { ...hpa, status: next });
    ctx.cache.apply(HPAS, 'MODIFIED', updated);
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) return;
    throw e;
  }
}
