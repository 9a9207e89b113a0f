// Follows the API's change log per resource (as an informer follows a watch): a list on a cold start
// or after the log was compacted past our cursor (410), then pages of changes after the cursor.
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import { LIST_PATHS, type SchedulerCache } from '.';

interface ChangeList {
  metadata: { resourceVersion: string; more: boolean };
  items: { type: string; resource?: string; revision: number; object: KObject }[];
}

const changesPath = (resources: string[], after: number, atLeast?: number) =>
  `/apis/kubeflare.dev/v1/changes?resource=${resources.map(encodeURIComponent).join(',')}&after=${after}&limit=1000${atLeast !== undefined ? `&atLeast=${atLeast}` : ''}`;

export class Feed {
  private readonly cursors = new Map<string, number>();
  relists = 0;
  changes = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly cache: SchedulerCache,
  ) {}

  synced(resource: string): boolean {
    return this.cursors.has(resource);
  }

  /**
   * Catches up on one or several resources with one read per page: their changes come in revision
   * order from one snapshot, so no resource is seen older than another (a pod is never judged against a
   * node list older than itself). Resources never listed are listed first. `atLeast`: the newest
   * revision a poke announced; the API may then answer from what its isolate holds, without reading D1.
   */
  async catchUp(resources: string[], atLeast?: number): Promise<void> {
    for (const r of resources) if (!this.cursors.has(r)) await this.relist(r);
    for (;;) {
      const from = Math.min(...resources.map((r) => this.cursors.get(r)!));
      let page: ChangeList;
      try {
        page = await this.api.get<ChangeList>(changesPath(resources, from, atLeast));
      } catch (e) {
        if (e instanceof StatusError && e.code === 410) {
          for (const r of resources) await this.relist(r);
          return;
        }
        throw e;
      }
      for (const item of page.items) {
        const r = item.resource ?? resources[0];
        // A resource listed after `from` already holds the changes up to its own cursor.
        if (item.revision <= this.cursors.get(r)!) continue;
        this.cache.apply(r, item.type, item.object);
        this.changes++;
      }
      const cursor = Number(page.metadata.resourceVersion);
      for (const r of resources) this.cursors.set(r, Math.max(cursor, this.cursors.get(r)!));
      if (!page.metadata.more) return;
    }
  }

  private async relist(resource: string): Promise<void> {
    const list = await this.api.list<KObject>(LIST_PATHS[resource]);
    this.cache.replace(resource, list.items);
    this.cursors.set(resource, Number(list.metadata.resourceVersion ?? '0'));
    this.relists++;
  }
}
