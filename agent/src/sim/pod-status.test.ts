import { describe, expect, it } from 'vitest';
import { EXIT_AFTER_ANNOTATION, EXIT_CODE_ANNOTATION, exitedStatus, exitPlan, finishesOnExit, runningStatus, type SimPod } from './pod-status';

const pod = (annotations: Record<string, string> = {}, restartPolicy?: string): SimPod => ({
  metadata: { name: 'p', namespace: 'default', uid: 'u1', annotations },
  spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox' }] },
});

describe('simulated container exits (opt-in by annotation)', () => {
  it('reads the plan from the annotations, and none without them', () => {
    expect(exitPlan(pod())).toBeUndefined();
    expect(exitPlan(pod({ [EXIT_AFTER_ANNOTATION]: '250' }))).toEqual({ afterMs: 250, code: 0 });
    expect(exitPlan(pod({ [EXIT_AFTER_ANNOTATION]: '0', [EXIT_CODE_ANNOTATION]: '3' }))).toEqual({ afterMs: 0, code: 3 });
    expect(exitPlan(pod({ [EXIT_AFTER_ANNOTATION]: 'soon' }))).toBeUndefined();
  });

  it.each([
    { policy: 'Never', code: 0, finishes: true },
    { policy: 'Never', code: 1, finishes: true },
    { policy: 'OnFailure', code: 0, finishes: true },
    { policy: 'OnFailure', code: 1, finishes: false },
    { policy: 'Always', code: 0, finishes: false },
    { policy: undefined, code: 0, finishes: false },
  ])('restartPolicy $policy with exit code $code finishes the pod: $finishes', ({ policy, code, finishes }) => {
    expect(finishesOnExit(pod({}, policy), code)).toBe(finishes);
  });

  it('a finished pod reports its phase, a terminated container with the exit code, and not ready', () => {
    const p = pod({}, 'Never');
    p.status = runningStatus(p, '10.0.0.1', '10.244.0.5', Date.parse('2024-01-01T00:00:00Z'));
    const s = exitedStatus(p, 2, Date.parse('2024-01-01T00:00:05Z'));
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses[0].state).toMatchObject({ terminated: { exitCode: 2, reason: 'Error', finishedAt: '2024-01-01T00:00:05Z' } });
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
    expect(exitedStatus(p, 0, Date.now()).phase).toBe('Succeeded');
  });

  it('a restarted container runs again with one more restart and its exit as last state', () => {
    const p = pod({}, 'OnFailure');
    const s = exitedStatus(p, 1, Date.parse('2024-01-01T00:00:05Z'));
    expect(s.phase).toBeUndefined();
    expect(s.containerStatuses[0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 1 } }, state: { running: {} } });
  });
});
