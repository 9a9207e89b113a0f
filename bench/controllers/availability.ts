// Availability during a rolling update, followed from a pods watch: the number of Ready pods not
// being deleted after every single pod change, and the lowest it has been since mark(). Exact where a
// poll would only sample, and it costs the single workerd thread no repeated 1,000-pod lists.
import { listWatch } from '../../agent/src/http/list-watch';
import type { ApiClient } from '../../workers/kube/client';
import { type PodView, podReady } from './observer';

export class AvailabilityWatch {
  readonly pods = new Map<string, PodView>();
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private readyCount = 0;
  private synced = false;
  /** Lowest Ready count seen since mark() (Infinity before it). */
  lowest = Infinity;
  private marked = false;

  constructor(
    private readonly api: ApiClient,
    private readonly labelSelector: string,
    private readonly log: (m: string) => void,
  ) {}

  start(): void {
    this.loop = listWatch<PodView>({
      api: this.api,
      path: '/api/v1/pods',
      params: { labelSelector: this.labelSelector },
      signal: this.abort.signal,
      onList: (items) => {
        this.pods.clear();
        this.readyCount = 0;
        for (const p of items) this.put(p);
        this.synced = true;
        this.note();
      },
      onEvent: (type, p) => {
        const key = p.metadata.uid ?? p.metadata.name;
        const before = this.pods.get(key);
        if (before && podReady(before)) this.readyCount--;
        if (type === 'DELETED') this.pods.delete(key);
        else this.put(p);
        this.note();
      },
      onError: (e) => this.log(`availability: pod watch failed: ${e instanceof Error ? e.message : String(e)}`),
    });
  }

  get ready(): number {
    return this.readyCount;
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /** Starts counting the lowest availability from now. */
  mark(): void {
    this.marked = true;
    this.lowest = this.readyCount;
  }

  /** Pods, unbound pods and Ready pods now (for progress lines). */
  counts(): { pods: number; unbound: number; ready: number } {
    let unbound = 0;
    for (const p of this.pods.values()) if (!p.spec.nodeName) unbound++;
    return { pods: this.pods.size, unbound, ready: this.readyCount };
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private put(p: PodView): void {
    this.pods.set(p.metadata.uid ?? p.metadata.name, p);
    if (podReady(p)) this.readyCount++;
  }

  private note(): void {
    if (this.marked && this.readyCount < this.lowest) this.lowest = this.readyCount;
  }
}
