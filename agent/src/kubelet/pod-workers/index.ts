// One serialized worker per pod: syncs of a pod never overlap; a request that arrives while one runs
// makes exactly one more pass afterwards; a delayed request keeps only the earliest deadline.
export type SyncFn = (key: string) => Promise<void>;

interface Worker {
  running: boolean;
  again: boolean;
  timer?: NodeJS.Timeout;
  dueAt?: number;
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly sync: SyncFn,
    private readonly onError: (key: string, err: unknown) => void,
  ) {}

  /** Syncs `key` now (or after `delayMs`). */
  enqueue(key: string, delayMs = 0): void {
    if (this.stopped) return;
    let w = this.workers.get(key);
    if (!w) {
      w = { running: false, again: false };
      this.workers.set(key, w);
    }
    if (delayMs > 0) {
      const due = Date.now() + delayMs;
      if (w.timer && w.dueAt !== undefined && w.dueAt <= due) return;
      clearTimeout(w.timer);
      w.dueAt = due;
      const worker = w;
      w.timer = setTimeout(() => {
        worker.timer = undefined;
        worker.dueAt = undefined;
        this.enqueue(key);
      }, delayMs);
      return;
    }
    if (w.running) {
      w.again = true;
      return;
    }
    this.run(key, w);
  }

  private run(key: string, w: Worker): void {
    w.running = true;
    w.again = false;
    const p = this.sync(key)
      .catch((e: unknown) => this.onError(key, e))
      .finally(() => {
        this.inFlight.delete(p);
        w.running = false;
        if (w.again && !this.stopped) this.run(key, w);
        else if (!w.timer && this.workers.get(key) === w) this.workers.delete(key);
      });
    this.inFlight.add(p);
  }

  /** Whether any sync runs or is due. */
  busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves when no sync is running (timed ones may still be pending). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const w of this.workers.values()) clearTimeout(w.timer);
    await this.idle();
    this.workers.clear();
  }
}
