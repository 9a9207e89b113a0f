// Observes bindings as a client sees them: one watch on every pod from a given revision, recording
// when each pod (namespace/name) was first seen with a node. Reopens the watch if the server ends it.
import { watchEvents } from '../../agent/src/http';
import type { ApiClient } from '../../workers/kube/client';

interface WatchedPod {
  metadata: { namespace: string; name: string; resourceVersion: string };
  spec?: { nodeName?: string };
}

export class BindingObserver {
  /** namespace/name → performance.now() when first seen bound. */
  readonly boundAt = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly api: ApiClient,
    /** The newest resourceVersion the watch has seen (where it resumes after a break). */
    public revision: string,
  ) {
    this.done = this.run();
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const res = await this.api.request('GET', `/api/v1/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=3600&resourceVersion=${this.revision}`);
        for await (const ev of watchEvents<WatchedPod>(res, this.abort.signal)) {
          if (ev.type === 'ERROR') throw new Error(`watch error: ${JSON.stringify(ev.object)}`);
          this.revision = ev.object.metadata.resourceVersion;
          if (ev.type === 'BOOKMARK' || !ev.object.spec?.nodeName) continue;
          const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
          if (!this.boundAt.has(key)) this.boundAt.set(key, performance.now());
          for (const w of this.waiters.splice(0)) w();
        }
      } catch (e) {
        if (this.abort.signal.aborted) return;
        process.stderr.write(`binding watch restarts: ${(e as Error).message}\n`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Resolves once `n` pods were seen bound, or after `ms` (returns whether it got there). */
  async waitFor(n: number, ms: number): Promise<boolean> {
    const end = performance.now() + ms;
    while (this.boundAt.size < n) {
      const left = end - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return true;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
