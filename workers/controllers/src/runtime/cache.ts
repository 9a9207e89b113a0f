// The objects a controller follows, by resource and "namespace/name", kept from lists and changes.
import type { KObject } from '../../../kube/registry/types';

export const keyOf = (o: KObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : `${o.metadata.name}`);

export class Cache {
  private readonly stores = new Map<string, Map<string, KObject>>();

  store(resource: string): Map<string, KObject> {
    let s = this.stores.get(resource);
    if (!s) this.stores.set(resource, (s = new Map()));
    return s;
  }

  get(resource: string, key: string): KObject | undefined {
    return this.store(resource).get(key);
  }

  list(resource: string, namespace?: string): KObject[] {
    const all = [...this.store(resource).values()];
    return namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  replace(resource: string, items: KObject[]) {
    const s = this.store(resource);
    s.clear();
    for (const o of items) s.set(keyOf(o), o);
  }

  /** Applies one change; returns the previous version. */
  apply(resource: string, type: string, obj: KObject): KObject | undefined {
    const s = this.store(resource);
    const key = keyOf(obj);
    const old = s.get(key);
    if (type === 'DELETED') s.delete(key);
    else s.set(key, obj);
    return old;
  }
}
