// The NetworkPolicy role of the agent (what a CNI's policy agent does): list-watch Pods, Namespaces and
// NetworkPolicies, render this node's rules and apply them. As the service proxy: one apply at a time,
// latest state wins, the first apply replaces the table whole, then only changes (set elements, changed
// chains) are sent; a failed apply or a change the delta cannot express falls back to a full load.
import type { ApiClient } from '../../../workers/kube/client';
import { renderDelta } from './delta';
import { buildModel, type NetpolModel } from './model';
import { PolicyWatch } from './policy-watch';
import { printFull } from './render';
import { RuleSync } from '../proxy/rule-sync';
import { DEFAULT_NETPOL_TABLE } from './types';

export interface PolicyEnforcerOptions {
  api: ApiClient;
  nodeName: string;
  tableName?: string;
  /** Loads a script (applyRules in production; a fake in tests). */
  apply(script: string): Promise<void>;
  /** Retry delay after a failed apply (default 1 s). */
  retryMs?: number;
  onError?(err: unknown): void;
  /** Called after each successful apply, with the time spent in it. */
  onApplied?(info: { script: string; full: boolean; ms: number }): void;
}

export class PolicyEnforcer {
  private readonly watch: PolicyWatch;
  private readonly sync: RuleSync<NetpolModel>;
  private stopped = true;

  constructor(private readonly opts: PolicyEnforcerOptions) {
    this.watch = new PolicyWatch(opts.api, () => this.changed(), opts.onError);
    this.sync = new RuleSync<NetpolModel>({
      build: () => buildModel({ nodeName: opts.nodeName, tableName: opts.tableName ?? DEFAULT_NETPOL_TABLE, ...this.watch.snapshot() }),
      renderDelta,
      printFull,
      apply: (script) => opts.apply(script),
      retryMs: opts.retryMs,
      onError: opts.onError,
      onApplied: opts.onApplied,
    });
  }

  start(): void {
    this.stopped = false;
    this.watch.start();
  }

  /** Stops watching; the rules stay, so pods stay isolated while the agent restarts. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.watch.stop();
    await this.sync.stop();
  }

  idle(): Promise<void> {
    return this.sync.idle();
  }

  /** The full script in force, or null before the first successful apply. */
  get applied(): string | null {
    return this.sync.applied;
  }

  private changed(): void {
    if (this.stopped || !this.watch.synced) return;
    this.sync.changed();
  }
}
