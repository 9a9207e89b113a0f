// Bounds how many API calls are in flight, so thousands of simulated nodes do not open thousands of
// requests at once; `idle()` lets stop() wait for the calls already started.
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(readonly concurrency: number) {}

  /** Calls waiting for a slot plus calls running. */
  get load(): number {
    return this.active + this.queue.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      const next = this.queue.shift();
      if (next) next();
      else if (this.active === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  idle(): Promise<void> {
    if (this.load === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }
}
