// The proxy role of the agent: list-watch Services and EndpointSlices, render the node's rules and
// apply them through RuleSync (coalesced, latest wins, a full load first and then only deltas).
import type { ApiClient } from '../../../workers/kube/client';
import { renderDelta } from './delta';
import { buildModel, type RuleModel } from './model';
import { printFull } from './render';
import { RuleSync } from './rule-sync';
import { ServiceWatch } from './service-watch';
import { DEFAULT_TABLE } from './types';

export interface ServiceProxyOptions {
  api: ApiClient;
  nodeName: string;
  nodeIPs: string[];
  tableName?: string;
  /** Loads a script (applyRules in production; a fake in tests). */
  apply(script: string): Promise<void>;
  /** Retry delay after a failed apply (default 1 s). */
  retryMs?: number;
  onError?(err: unknown): void;
  /** Send only changes after the first apply (default true); false replaces the table every time. */
  incremental?: boolean;
  /** Called after each successful apply, with the time spent in apply (for metrics and tests). */
  onApplied?(info: { script: string; full: boolean; ms: number }): void;
}

export class ServiceProxy {
  private readonly watch: ServiceWatch;
  private readonly sync: RuleSync<RuleModel>;
  private stopped = true;

  constructor(private readonly opts: ServiceProxyOptions) {
    this.watch = new ServiceWatch(opts.api, () => this.changed(), opts.onError);
    this.sync = new RuleSync<RuleModel>({
      build: () =>
        buildModel({
          nodeName: opts.nodeName,
          nodeIPs: opts.nodeIPs,
          ...this.watch.snapshot(),
          tableName: opts.tableName ?? DEFAULT_TABLE,
        }),
      renderDelta,
      printFull,
      apply: (script) => opts.apply(script),
      incremental: opts.incremental,
      retryMs: opts.retryMs,
      onError: opts.onError,
      onApplied: opts.onApplied,
    });
  }

  /** Idempotent. The first apply waits for both lists, so a half-known state is never programmed. */
  start(): void {
    this.stopped = false;
    this.watch.start();
  }

  /** Stops watching. The rules stay in the kernel, so traffic keeps flowing while the agent restarts. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.watch.stop();
    await this.sync.stop();
  }

  /** Resolves when no apply is running or pending (tests, shutdown). */
  idle(): Promise<void> {
    return this.sync.idle();
  }

  /** The full script of what is in force, or null before the first successful apply. */
  get applied(): string | null {
    return this.sync.applied;
  }

  private changed(): void {
    if (this.stopped || !this.watch.synced) return;
    this.sync.changed();
  }
}
