// A test stack with simulated nodes (that run their pods) and the real kubectl, set up once per file:
// `const env = useSimStack({ nodes: 3, namePrefix: 'ds' })`, then `env.stack`, `env.sim`, `env.k(...)`.
import { afterAll, beforeAll, expect } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../../agent/src/http';
import { SimCluster } from '../../agent/src/sim';
import { ApiClient } from '../../workers/kube/client';
import { type TestStack, startTestStack } from '../harness';
import { Kubectl, type KubectlResult } from '../kubectl';

export interface SimStack {
  stack: TestStack;
  sim: SimCluster;
  api: ApiClient;
  kubectl: Kubectl;
  /** Runs kubectl (90 s limit); never throws on a non-zero exit. */
  k(...args: string[]): Promise<KubectlResult>;
}

/** Asserts a kubectl run succeeded and returns its stdout. */
export function ok(r: KubectlResult): string {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r.stdout;
}

export function useSimStack(opts: { nodes: number; namePrefix: string; zones?: number; vars?: Record<string, string> }): SimStack {
  const env = {} as SimStack;
  let fetcher: NodeFetcher | undefined;
  beforeAll(async () => {
    env.stack = await startTestStack(opts.vars ?? {});
    fetcher = createNodeFetcher({ caPem: env.stack.caPem });
    env.api = new ApiClient({ fetch: fetcher, baseUrl: env.stack.url, token: env.stack.token, userAgent: `${opts.namePrefix}-test` });
    env.sim = new SimCluster({ api: env.api, nodes: { count: opts.nodes, zones: opts.zones ?? 1, namePrefix: opts.namePrefix }, markRunning: true, heartbeatSeconds: 5 });
    await env.sim.start();
    env.kubectl = new Kubectl(env.stack.kubeconfig);
    env.k = (...args: string[]) => env.kubectl.run(args, 90_000);
  });
  afterAll(async () => {
    env.kubectl?.close();
    await env.sim?.stop(5_000);
    fetcher?.close();
    await env.stack?.close();
  });
  return env;
}
