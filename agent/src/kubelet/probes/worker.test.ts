import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProbeWorker, type ProbeKind } from './worker';
import type { Probe, ProbeResult } from './types';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A worker whose probe answers from `script` in order (the last answer repeats). */
function setup(kind: ProbeKind, probe: Partial<Probe>, script: ProbeResult['result'][]) {
  const events: string[] = [];
  let runs = 0;
  const run = async (): Promise<ProbeResult> => {
    const result = script[Math.min(runs, script.length - 1)];
    runs++;
    return { result, message: `#${runs}` };
  };
  const w = new ProbeWorker({ kind, probe: probe as Probe, run, onResult: (ok, message) => events.push(`${ok ? 'ok' : 'fail'} ${message}`) });
  return { w, events, runs: () => runs };
}

const seconds = (s: number) => vi.advanceTimersByTimeAsync(s * 1000);

describe('ProbeWorker', () => {
  it('waits initialDelaySeconds, then probes every periodSeconds', async () => {
    const { w, runs } = setup('readiness', { initialDelaySeconds: 5, periodSeconds: 2 }, ['success']);
    w.start();
    await seconds(4.9);
    expect(runs()).toBe(0);
    await seconds(0.1);
    expect(runs()).toBe(1);
    await seconds(6);
    expect(runs()).toBe(4);
    w.stop();
    await seconds(10);
    expect(runs()).toBe(4);
  });

  it('defaults to a 10 s period', async () => {
    const { w, runs } = setup('readiness', {}, ['success']);
    w.start();
    await seconds(25);
    expect(runs()).toBe(3); // at 0, 10, 20
    w.stop();
  });

  it('readiness starts failed and becomes ready after successThreshold successes', async () => {
    const { w, events } = setup('readiness', { periodSeconds: 1, successThreshold: 2 }, ['success']);
    expect(w.state).toBe(false);
    w.start();
    await seconds(0);
    expect(events).toEqual([]);
    await seconds(1);
    expect(events).toEqual(['ok #2']);
    await seconds(5);
    expect(events).toEqual(['ok #2']); // only state changes are reported
    expect(w.state).toBe(true);
    w.stop();
  });

  it('readiness turns unready after failureThreshold failures and back on success', async () => {
    const { w, events } = setup('readiness', { periodSeconds: 1, failureThreshold: 2 }, ['success', 'failure', 'success', 'failure', 'failure', 'failure', 'failure', 'success']);
    w.start();
    await seconds(7.5);
    // #2 alone does not reach 2 failures; #4,#5 do; #6,#7 change nothing; #8 recovers.
    expect(events).toEqual(['ok #1', 'fail #5', 'ok #8']);
    w.stop();
  });

  it('liveness starts alive and reports each run of failureThreshold failures', async () => {
    const { w, events } = setup('liveness', { periodSeconds: 1 }, ['failure']);
    expect(w.state).toBe(true);
    w.start();
    await seconds(5.5);
    expect(events).toEqual(['fail #3', 'fail #6']);
    w.stop();
  });

  it('liveness reports recovery once', async () => {
    const { w, events } = setup('liveness', { periodSeconds: 1, failureThreshold: 1 }, ['success', 'failure', 'success', 'success']);
    w.start();
    await seconds(3.5);
    expect(events).toEqual(['fail #2', 'ok #3']);
    w.stop();
  });

  it('throws away unknown results', async () => {
    const { w, events } = setup('liveness', { periodSeconds: 1, failureThreshold: 2 }, ['failure', 'unknown', 'failure', 'unknown']);
    w.start();
    await seconds(3.5);
    expect(events).toEqual(['fail #3']);
    w.stop();
  });

  it('startup stops probing once started', async () => {
    const { w, events, runs } = setup('startup', { periodSeconds: 1, failureThreshold: 5 }, ['failure', 'failure', 'success']);
    expect(w.state).toBe(false);
    w.start();
    await seconds(10);
    expect(events).toEqual(['ok #3']);
    expect(w.state).toBe(true);
    expect(runs()).toBe(3);
  });

  it('startup reports failure after failureThreshold', async () => {
    const { w, events } = setup('startup', { periodSeconds: 1, failureThreshold: 2 }, ['failure']);
    w.start();
    await seconds(1.5);
    expect(events).toEqual(['fail #2']);
    w.stop();
  });

  it('skips ticks while a probe is still running and ignores results after stop', async () => {
    const events: string[] = [];
    let runs = 0;
    let release: (r: ProbeResult) => void = () => {};
    const w = new ProbeWorker({
      kind: 'readiness',
      probe: { periodSeconds: 1 } as Probe,
      run: () => {
        runs++;
        return new Promise((r) => (release = r));
      },
      onResult: (ok) => events.push(String(ok)),
    });
    w.start();
    await seconds(3.5);
    expect(runs).toBe(1);
    w.stop();
    release({ result: 'success' });
    await seconds(1);
    expect(events).toEqual([]);
  });
});
