// Stabilization windows and scaling policies, driven by a fake clock (plain `now` numbers).
import { describe, expect, it } from 'vitest';
import { type Behavior, type HpaHistory, newHistory, normalize, recordScaleEvent } from './behavior';

const S = 1000;
const defaults = (): Behavior => ({
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
  scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
});

/** `null` runs without spec.behavior (undefined would pick the defaults above). */
function step(h: HpaHistory, now: number, current: number, desired: number, b: Behavior | null = defaults(), min = 1, max = 100) {
  const behavior = b ?? undefined;
  const r = normalize({ current, desired, min, max, behavior, now }, h);
  recordScaleEvent(behavior, h, current, r.replicas, now);
  return r;
}

const reasons = (r: ReturnType<typeof normalize>) => r.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);

describe('scale-down stabilization', () => {
  it('keeps the highest recommendation of the window, then follows the lower one once it has passed', () => {
    const h = newHistory();
    expect(step(h, 0, 10, 10).replicas).toBe(10);
    const held = step(h, 60 * S, 10, 2);
    expect(held.replicas).toBe(10);
    expect(reasons(held)).toEqual(['AbleToScale=True/ScaleDownStabilized', 'ScalingLimited=False/DesiredWithinRange']);
    expect(step(h, 299 * S, 10, 2).replicas).toBe(10);
    expect(step(h, 301 * S, 10, 2).replicas).toBe(2);
  });

  it('applies a short window from spec.behavior', () => {
    const b = defaults();
    b.scaleDown!.stabilizationWindowSeconds = 5;
    const h = newHistory();
    step(h, 0, 6, 6, b);
    expect(step(h, 3 * S, 6, 1, b).replicas).toBe(6);
    expect(step(h, 6 * S, 6, 1, b).replicas).toBe(1);
  });

  it('stabilizes scale-ups with an up window: the lowest recent recommendation wins', () => {
    const b = defaults();
    b.scaleUp!.stabilizationWindowSeconds = 60;
    const h = newHistory();
    step(h, 0, 2, 2, b);
    const r = step(h, 10 * S, 2, 8, b);
    expect(r.replicas).toBe(2);
    expect(reasons(r)[0]).toBe('AbleToScale=True/ScaleUpStabilized');
    expect(step(h, 61 * S, 2, 8, b).replicas).toBe(6);
  });
});

describe('scaling policies', () => {
  it('picks the most permissive policy (Max): +4 pods or +100% per 15 s', () => {
    const r = step(newHistory(), 0, 2, 20);
    expect(r.replicas).toBe(6);
    expect(reasons(r)).toEqual(['AbleToScale=True/ReadyForNewScale', 'ScalingLimited=True/ScaleUpLimit']);
    expect(step(newHistory(), 0, 10, 50).replicas).toBe(20);
  });

  it('picks the most restrictive with Min, and none with Disabled', () => {
    const b = defaults();
    b.scaleUp!.selectPolicy = 'Min';
    expect(step(newHistory(), 0, 10, 50, b).replicas).toBe(14);
    b.scaleUp!.selectPolicy = 'Disabled';
    expect(step(newHistory(), 0, 10, 50, b).replicas).toBe(10);
  });

  it('counts changes already made within the period', () => {
    const h = newHistory();
    expect(step(h, 0, 2, 20).replicas).toBe(6);
    // 5 s later the period still starts from 2 replicas: no further growth.
    expect(step(h, 5 * S, 6, 20).replicas).toBe(6);
    // After the period, growth resumes from 6.
    expect(step(h, 16 * S, 6, 20).replicas).toBe(12);
  });

  it('limits scale-downs by Pods and Percent policies', () => {
    const b = defaults();
    b.scaleDown = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 10, periodSeconds: 60 }] };
    const h = newHistory();
    const r = step(h, 0, 10, 1, b);
    expect(r.replicas).toBe(8);
    expect(reasons(r)[1]).toBe('ScalingLimited=True/ScaleDownLimit');
    expect(step(h, 30 * S, 8, 1, b).replicas).toBe(8);
  });

  it('never goes beyond min and max', () => {
    const big = defaults();
    big.scaleUp!.policies = [{ type: 'Percent', value: 1000, periodSeconds: 15 }];
    const up = step(newHistory(), 0, 4, 50, big, 1, 10);
    expect(up.replicas).toBe(10);
    expect(reasons(up)[1]).toBe('ScalingLimited=True/TooManyReplicas');
    const b = defaults();
    b.scaleDown!.stabilizationWindowSeconds = 0;
    const down = step(newHistory(), 0, 4, 1, b, 3, 10);
    expect(down.replicas).toBe(3);
    expect(reasons(down)[1]).toBe('ScalingLimited=True/TooFewReplicas');
  });
});

describe('without spec.behavior (upstream defaults)', () => {
  it('scales up at most to max(2x, 4) and stabilizes scale-downs for five minutes', () => {
    const h = newHistory();
    expect(step(h, 0, 1, 10, null).replicas).toBe(4);
    expect(step(h, 15 * S, 4, 10, null).replicas).toBe(8);
    expect(step(h, 30 * S, 8, 1, null).replicas).toBe(10);
    expect(step(h, 400 * S, 8, 1, null).replicas).toBe(1);
  });
});
