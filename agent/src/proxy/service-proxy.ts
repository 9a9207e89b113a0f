// The proxy role of the agent: list-watch Services and EndpointSlices, render the node's rules and
// apply them. Changes are coalesced: at most one apply runs at a time and, when it ends, the newest
// state is rendered once more (latest wins). The first apply replaces the table whole; after that only
// what changed is sent (delta.ts), and nothing when nothing changed. A failed apply, or a change the
// delta cannot express, falls back to a whole replacement.
import type { ApiClient } from '../../../workers/kube/client';
import { renderDelta } from './delta';
import { buildModel, type RuleModel } from './model';
import { printFull } from './render';
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
  private stopped = true;
  private running: Promise<void> | null = null;
  private dirty = false;
  private retry: NodeJS.Timeout | null = null;
  /** What the kernel holds, as far as we know; null forces the next apply to be a full one. */
  private model: RuleModel | null = null;

  constructor(private readonly opts: ServiceProxyOptions) {
    this.watch = new ServiceWatch(opts.api, () => this.changed(), opts.onError);
  }

  /** Idempotent. The first apply waits for both lists, so a half-known state is never programmed. */
  start(): void {
    this.stopped = false;
    this.watch.start();
  }

  /** Stops watching. The rules stay in the kernel, so traffic keeps flowing while the agent restarts. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.watch.stop();
    await this.running;
  }

  /** Resolves when no apply is running or pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The full script of what is in force, or null before the first successful apply. */
  get applied(): string | null {
    return this.model && printFull(this.model);
  }

  private changed(): void {
    if (this.stopped || !this.watch.synced) return;
    this.dirty = true;
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      // A change that arrived after the loop's last check but before this point must not wait.
      if (this.dirty && !this.stopped) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      const model = buildModel({
        nodeName: this.opts.nodeName,
        nodeIPs: this.opts.nodeIPs,
        ...this.watch.snapshot(),
        tableName: this.opts.tableName ?? DEFAULT_TABLE,
      });
      const delta = this.model && this.opts.incremental !== false ? renderDelta(this.model, model) : null;
      if (delta === '') continue;
      if (delta === null && this.model && printFull(this.model) === printFull(model)) continue;
      const script = delta ?? printFull(model);
      const started = performance.now();
      try {
        await this.opts.apply(script);
        this.model = model;
        this.opts.onApplied?.({ script, full: delta === null, ms: performance.now() - started });
      } catch (e) {
        // The kernel keeps what it had before the failed transaction, but be safe: replace it whole.
        this.model = null;
        this.opts.onError?.(e);
        // Try again later with whatever the state is then; a newer change retries sooner.
        if (this.retry) clearTimeout(this.retry);
        this.retry = setTimeout(() => this.changed(), this.opts.retryMs ?? 1000);
        return;
      }
    }
  }
}
