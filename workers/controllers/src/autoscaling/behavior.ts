// From the metrics' proposal to the replicas to set, as upstream's normalizeDesiredReplicas*: first
// stabilization (the highest recommendation of the scale-down window, the lowest of the scale-up
// window), then the rate limits of spec.behavior's policies over their periods, then min/max. Each
// step explains itself with upstream's condition reasons. The history lives in HpaHistory (memory).
import type { HPAScalingRules } from '../../../kube/resources/autoscaling/hpa/schema';

export interface Recommendation {
  at: number;
  replicas: number;
}

export interface ScaleEvent {
  at: number;
  /** Replicas added (scale-up list) or removed (scale-down list), positive. */
  change: number;
  outdated?: boolean;
}

/** What the controller remembers of one HPA between syncs (upstream keeps the same in memory). */
export interface HpaHistory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export const newHistory = (): HpaHistory => ({ recommendations: [], scaleUpEvents: [], scaleDownEvents: [] });

export interface Behavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

export interface NormalizeInput {
  current: number;
  /** The metrics' proposal. */
  desired: number;
  min: number;
  max: number;
  /** spec.behavior; undefined uses upstream's behavior-less rules (5 min down-stabilization, 2x up). */
  behavior?: Behavior;
  now: number;
  /** The behavior-less scale-down stabilization window (upstream's controller flag), ms. */
  downscaleStabilizationMs?: number;
}

export interface Verdict {
  type: 'AbleToScale' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface Normalized {
  replicas: number;
  conditions: Verdict[];
}

const DEFAULT_DOWN_WINDOW_S = 300;
export const DEFAULT_DOWNSCALE_STABILIZATION_MS = DEFAULT_DOWN_WINDOW_S * 1000;

export function normalize(input: NormalizeInput, history: HpaHistory): Normalized {
  return input.behavior ? withBehavior(input, input.behavior, history) : withoutBehavior(input, history);
}

const READY: Verdict = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };

function withBehavior(input: NormalizeInput, behavior: Behavior, history: HpaHistory): Normalized {
  const { current, desired, now } = input;
  const upWindowMs = (behavior.scaleUp?.stabilizationWindowSeconds ?? 0) * 1000;
  const downWindowMs = (behavior.scaleDown?.stabilizationWindowSeconds ?? DEFAULT_DOWN_WINDOW_S) * 1000;
  let up = desired;
  let down = desired;
  let oldIndex = -1;
  history.recommendations.forEach((rec, i) => {
    if (rec.at > now - upWindowMs) up = Math.min(up, rec.replicas);
    if (rec.at > now - downWindowMs) down = Math.max(down, rec.replicas);
    if (rec.at < now - upWindowMs && rec.at < now - downWindowMs) oldIndex = i;
  });
  // Within [lowest recent (up window), highest recent (down window)], as close to current as possible.
  const recommendation = Math.min(Math.max(current, up), down);
  if (oldIndex >= 0) history.recommendations[oldIndex] = { at: now, replicas: desired };
  else history.recommendations.push({ at: now, replicas: desired });
  const conditions: Verdict[] = [];
  if (recommendation !== desired) {
    conditions.push(
      desired >= current
        ? { type: 'AbleToScale', status: 'True', reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
        : { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' },
    );
  } else conditions.push(READY);
  const limited = rateLimited({ ...input, desired: recommendation }, behavior, history);
  conditions.push({ type: 'ScalingLimited', status: limited.replicas === recommendation ? 'False' : 'True', reason: limited.reason, message: limited.message });
  return { replicas: limited.replicas, conditions };
}

function rateLimited(input: NormalizeInput, behavior: Behavior, history: HpaHistory): { replicas: number; reason: string; message: string } {
  const { current, desired, min, max, now } = input;
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(current, history, behavior.scaleUp, now));
    if (max > limit) {
      if (desired > limit) return { replicas: limit, reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
    } else if (desired > max) return { replicas: max, reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
  } else if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(current, history, behavior.scaleDown, now));
    if (min < limit) {
      if (desired < limit) return { replicas: limit, reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };
    } else if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  }
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** Replicas added (or removed) by scale events inside the last `periodSeconds`. */
function changeInPeriod(events: ScaleEvent[], periodSeconds: number, now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((sum, e) => sum + e.change, 0);
}

export function scaleUpLimit(current: number, h: HpaHistory, rules: HPAScalingRules | undefined, now: number): number {
  if (rules?.selectPolicy === 'Disabled') return current;
  const pick = rules?.selectPolicy === 'Min' ? Math.min : Math.max;
  let result = rules?.selectPolicy === 'Min' ? Infinity : -Infinity;
  for (const p of rules?.policies ?? []) {
    // What the target had at the start of the period: later additions do not compound.
    const start = current - changeInPeriod(h.scaleUpEvents, p.periodSeconds, now) + changeInPeriod(h.scaleDownEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = pick(result, proposed);
  }
  return Number.isFinite(result) ? result : current;
}

export function scaleDownLimit(current: number, h: HpaHistory, rules: HPAScalingRules | undefined, now: number): number {
  if (rules?.selectPolicy === 'Disabled') return current;
  const pick = rules?.selectPolicy === 'Min' ? Math.max : Math.min;
  let result = rules?.selectPolicy === 'Min' ? -Infinity : Infinity;
  for (const p of rules?.policies ?? []) {
    const start = current - changeInPeriod(h.scaleUpEvents, p.periodSeconds, now) + changeInPeriod(h.scaleDownEvents, p.periodSeconds, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pick(result, proposed);
  }
  return Number.isFinite(result) ? result : current;
}

/** Records a change of scale, so later periods count it (only with spec.behavior, as upstream). */
export function recordScaleEvent(behavior: Behavior | undefined, h: HpaHistory, from: number, to: number, now: number): void {
  if (!behavior || from === to) return;
  const up = to > from;
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const events = up ? h.scaleUpEvents : h.scaleDownEvents;
  const longest = Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds)) * 1000;
  for (const e of events) if (e.at <= now - longest) e.outdated = true;
  const event = { at: now, change: Math.abs(to - from) };
  const slot = events.findIndex((e) => e.outdated);
  if (slot >= 0) events[slot] = event;
  else events.push(event);
}

/** The behavior-less path: highest recommendation of the last 5 minutes, then at most max(2x, 4) up. */
function withoutBehavior(input: NormalizeInput, history: HpaHistory): Normalized {
  const { current, min, max, now, desired } = input;
  const windowMs = input.downscaleStabilizationMs ?? DEFAULT_DOWNSCALE_STABILIZATION_MS;
  let recommendation = desired;
  let reused = false;
  history.recommendations.forEach((rec, i) => {
    if (rec.at > now - windowMs) recommendation = Math.max(recommendation, rec.replicas);
    else if (!reused) {
      history.recommendations[i] = { at: now, replicas: desired };
      reused = true;
    }
  });
  if (!reused) history.recommendations.push({ at: now, replicas: desired });
  const conditions: Verdict[] = [
    recommendation !== desired
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : READY,
  ];
  const upLimit = Math.max(2 * current, 4);
  let replicas = recommendation;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  const maxAllowed = Math.min(upLimit, max);
  if (recommendation < min) [replicas, reason, message] = [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
  else if (recommendation > maxAllowed)
    [replicas, reason, message] = upLimit < max ? [upLimit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'] : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
  conditions.push({ type: 'ScalingLimited', status: replicas === recommendation ? 'False' : 'True', reason, message });
  return { replicas, conditions };
}
