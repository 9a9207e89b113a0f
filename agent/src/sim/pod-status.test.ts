import { describe, expect, it } from 'vitest';
import { EXIT_AFTER_ANNOTATION, EXIT_CODE_ANNOTATION, exitedStatus, exitPlan, finishesOnExit, readyOverridden, readyRestoredStatus, runningStatus, type SimPod } from './pod-status';

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

describe('Ready marked False by someone else (the node lifecycle controller)', () => {
  const running = () => {
    const p = pod();
    p.status = runningStatus(p, '10.0.0.1', '10.244.0.5', Date.parse('2024-01-01T00:00:00Z'));
    return p;
  };
  const markedNotReady = () => {
    const p = running();
    p.status!.conditions = p.status!.conditions!.map((c) => (c.type === 'Ready' ? { type: 'Ready', status: 'False', lastTransitionTime: '2024-01-01T00:01:00Z' } : c));
    return p;
  };

  it('is noticed only on a running pod whose containers are all ready', () => {
    expect(readyOverridden(running())).toBe(false);
    expect(readyOverridden(markedNotReady())).toBe(true);
    const exited = markedNotReady();
    exited.status!.containerStatuses![0].ready = false;
    expect(readyOverridden(exited)).toBe(false);
    const deleting = markedNotReady();
    deleting.metadata.deletionTimestamp = '2024-01-01T00:02:00Z';
    expect(readyOverridden(deleting)).toBe(false);
    const finished = markedNotReady();
    finished.status!.phase = 'Succeeded';
    expect(readyOverridden(finished)).toBe(false);
  });

  it('is put back as Ready and ContainersReady True with a new transition time, other conditions kept', () => {
    const p = markedNotReady();
    const { conditions } = readyRestoredStatus(p, Date.parse('2024-01-01T00:03:00Z'));
    expect(conditions.find((c) => c.type === 'Ready')).toEqual({ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:03:00Z' });
    expect(conditions.find((c) => c.type === 'ContainersReady')?.lastTransitionTime).toBe('2024-01-01T00:00:00Z');
    expect(conditions.map((c) => c.type).sort()).toEqual(['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready']);
    expect(readyOverridden({ ...p, status: { ...p.status, conditions } })).toBe(false);
  });
});
