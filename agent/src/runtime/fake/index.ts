export { FakeRuntime, normalizeRef, type FakeRuntimeOptions, type FakeCall } from './fake-runtime';
export { scripted, run, exit, oom, failStart, EXIT_SIGKILL, EXIT_SIGTERM, type FakeBehaviour, type BehaviourFn } from './behaviour';
export type { ExecResult } from './streams';
