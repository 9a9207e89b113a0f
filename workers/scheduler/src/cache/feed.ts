// Follows the API's change log per resource (as an informer follows a watch): a list on a cold start
// or after the log was compacted past our cursor (410), then pages of changes after the cursor.
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import { LIST_PATHS, type SchedulerCache } from '.';

interface ChangeList {
  metadata: { resourceVersion: string; more: boolean };
  items: { type: string; revision: number; object: KObject }[];
}

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

  async catchUp(resource: string): Promise<void> {
    let cursor = this.cursors.get(resource);
    if (cursor === undefined) return this.relist(resource);
    for (;;) {
      let page: ChangeList;
      try {
        page = await this.api.get<ChangeList>(`/apis/kubeflare.dev/v1/changes?resource=${encodeURIComponent(resource)}&after=${cursor}&limit=1000`);
      } catch (e) {
        if (e instanceof StatusError && e.code === 410) return this.relist(resource);
        throw e;
      }
      for (const item of page.items) this.cache.apply(resource, item.type, item.object);
      this.changes += page.items.length;
      cursor = Number(page.metadata.resourceVersion);
      this.cursors.set(resource, cursor);
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
