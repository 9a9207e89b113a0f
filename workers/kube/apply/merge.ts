// Merges an apply configuration into the live object: maps merge key by key, map-type lists merge
// items by key, set lists take the union, and atomic lists, scalars and free-form values are
// replaced. A null in the configuration clears the field.
import { elementKey } from './path';
import { childOf, elementOf, itemElement, type ApplyNode } from './schema';
import { deepClone, isObject, present, setOwn } from './values';

export function mergeApplied(live: unknown, config: unknown, node: ApplyNode): unknown {
  if (!present(live)) return deepClone(config);
  if ((node.kind === 'struct' || node.kind === 'map') && isObject(live) && isObject(config)) {
    const out = deepClone(live);
    for (const k of Object.keys(config)) {
      const v = config[k];
      if (v === null) delete out[k];
      else setOwn(out, k, mergeApplied(Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined, v, childOf(node, k).node));
    }
    return out;
  }
  if (node.kind === 'list' && node.listType !== 'atomic' && Array.isArray(live) && Array.isArray(config)) return mergeList(live, config, node);
  return deepClone(config);
}

/**
 * Item order follows upstream: live-only items keep their place, items in the configuration come
 * in the configuration's order, and a shared item waits in the live list until its turn there.
 */
function mergeList(live: unknown[], config: unknown[], node: ApplyNode): unknown[] {
  const element = elementOf(node);
  const keyOf = (item: unknown) => elementKey(itemElement(node, item));
  const lk = live.map(keyOf);
  const rk = config.map(keyOf);
  const liveByKey = new Map<string, unknown>();
  lk.forEach((k, i) => liveByKey.has(k) || liveByKey.set(k, live[i]));
  const inConfig = new Set(rk);
  const shared = rk.filter((k) => liveByKey.has(k));
  let s = 0;
  const done = new Set<string>();
  const out: unknown[] = [];
  const takeConfig = (j: number) => {
    done.add(rk[j]);
    out.push(mergeApplied(liveByKey.get(rk[j]), config[j], element));
  };
  let i = 0;
  let j = 0;
  while (i < live.length || j < config.length) {
    if (i < live.length && j < config.length) {
      if (lk[i] === rk[j]) {
        takeConfig(j);
        i++;
        j++;
        s++;
        continue;
      }
      if (inConfig.has(lk[i]) && s < shared.length && shared[s] !== lk[i]) {
        i++;
        continue;
      }
    }
    if (i < live.length) {
      if (!inConfig.has(lk[i])) {
        out.push(deepClone(live[i]));
        i++;
        continue;
      }
      if (done.has(lk[i]) || j >= config.length) {
        i++;
        continue;
      }
    }
    if (j < config.length) {
      const k = rk[j];
      takeConfig(j);
      j++;
      if (s < shared.length && shared[s] === k) s++;
    }
  }
  return out;
}
