// The apply loop the service proxy and the NetworkPolicy enforcer share. Changes are coalesced: at most
// one apply runs at a time and, when it ends, the newest state is rendered once more (latest wins). The
// first apply replaces the table whole; after that only what changed is sent, and nothing when nothing
// changed. A failed apply, or a change the delta cannot express (null), falls back to a whole replacement.

export interface RuleSyncOptions<M> {
  /** The model of the state now. */
  build(): M;
  /** The script that moves the kernel from `prev` to `next`: '' for no change, null when only a full load can. */
  renderDelta(prev: M, next: M): string | null;
  /** The script that replaces the table whole. */
  printFull(model: M): string;
  /** Loads a script (nft -f in production; a fake in tests). */
  apply(script: string): Promise<void>;
  /** Send only changes after the first apply (default true); false replaces the table every time. */
  incremental?: boolean;
  /** Retry delay after a failed apply (default 1 s). */
  retryMs?: number;
  onError?(err: unknown): void;
  /** Called after each successful apply, with the time spent in apply. */
  onApplied?(info: { script: string; full: boolean; ms: number }): void;
}

export class RuleSync<M> {
  private stopped = false;
  private running: Promise<void> | null = null;
  private dirty = false;
  private retry: NodeJS.Timeout | null = null;
  /** What the kernel holds, as far as we know; null forces the next apply to be a full one. */
  private model: M | null = null;

  constructor(private readonly opts: RuleSyncOptions<M>) {}

  /** The state changed: render and apply (now, or once the running apply ends). */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    this.kick();
  }

  /** Stops retrying and waits for a running apply; the rules stay in the kernel. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.running;
  }

  /** Resolves when no apply is running or pending (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The full script of what is in force, or null before the first successful apply. */
  get applied(): string | null {
    return this.model && this.opts.printFull(this.model);
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
    const { opts } = this;
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      const model = opts.build();
      const delta = this.model && opts.incremental !== false ? opts.renderDelta(this.model, model) : null;
      if (delta === '') continue;
      if (delta === null && this.model && opts.printFull(this.model) === opts.printFull(model)) continue;
      const script = delta ?? opts.printFull(model);
      const started = performance.now();
      try {
        await opts.apply(script);
        this.model = model;
        opts.onApplied?.({ script, full: delta === null, ms: performance.now() - started });
      } catch (e) {
        // The kernel keeps what it had before the failed transaction, but be safe: replace it whole.
        this.model = null;
        opts.onError?.(e);
        // Try again later with whatever the state is then; a newer change retries sooner.
        if (this.retry) clearTimeout(this.retry);
        this.retry = setTimeout(() => this.changed(), opts.retryMs ?? 1000);
        return;
      }
    }
  }
}
