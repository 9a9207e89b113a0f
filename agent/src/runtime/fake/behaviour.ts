// What a fake container "does" once started. Timed behaviours use setTimeout, so a test's fake timers
// decide when a container exits.
import type { ContainerSpec } from '../types';

export type FakeBehaviour =
  /** Runs until stopped. */
  | { kind: 'run' }
  /** Exits by itself with `code` after `afterMs`. */
  | { kind: 'exit'; code: number; afterMs: number }
  /** Killed by the kernel's OOM killer after `afterMs`: exit 137, oomKilled true. */
  | { kind: 'oom'; afterMs: number }
  /** start() fails with `message`; the container is left exited with code 128. */
  | { kind: 'fail-start'; message: string };

/** Chooses a behaviour for each created container; `attempt` counts earlier instances with the same name in the pod. */
export type BehaviourFn = (spec: ContainerSpec, attempt: number) => FakeBehaviour;

/** Exit code of a process that ended on SIGTERM / SIGKILL (128 + signal), as Docker reports it. */
export const EXIT_SIGTERM = 143;
export const EXIT_SIGKILL = 137;

/**
 * A behaviour table by container name: each name gets a list used one entry per attempt (the last entry
 * repeats), e.g. `{ app: [exit(1), run()] }`. Names not listed run forever.
 */
export function scripted(table: Record<string, FakeBehaviour[]>): BehaviourFn {
  return (spec, attempt) => {
    const list = table[spec.name];
    if (!list?.length) return { kind: 'run' };
    return list[Math.min(attempt, list.length - 1)];
  };
}

export const run = (): FakeBehaviour => ({ kind: 'run' });
export const exit = (code: number, afterMs = 0): FakeBehaviour => ({ kind: 'exit', code, afterMs });
export const oom = (afterMs = 0): FakeBehaviour => ({ kind: 'oom', afterMs });
export const failStart = (message: string): FakeBehaviour => ({ kind: 'fail-start', message });
