// min / max / maxLimitRequestRatio of LimitRange items against a pod's containers, the pod as a whole
// and a PersistentVolumeClaim's request, with upstream's messages (limitranger/admission.go).
import { compareQuantity, formatQuantity, quantityToMilli, type Quantity } from '../../quantity';
import { maxInto, q, type ResourceList, sumLists } from './resources';

export interface LimitRangeItem {
  type: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

type Quantities = Record<string, Quantity | undefined>;
interface Container {
  resources?: { requests?: ResourceList; limits?: ResourceList };
}
interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
  overhead?: ResourceList;
}

const parsed = (l: ResourceList | undefined): Quantities => Object.fromEntries(Object.entries(l ?? {}).map(([k, v]) => [k, q(v)]));

function minConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = req[name];
  const l = lim[name];
  const e = formatQuantity(enforced);
  if (!r) return `minimum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (compareQuantity(r, enforced) < 0) return `minimum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  if (l && compareQuantity(l, enforced) < 0) return `minimum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = req[name];
  const l = lim[name];
  const e = formatQuantity(enforced);
  if (!l) return `maximum ${name} usage per ${type} is ${e}.  No limit is specified`;
  if (compareQuantity(l, enforced) > 0) return `maximum ${name} usage per ${type} is ${e}, but limit is ${formatQuantity(l)}`;
  if (r && compareQuantity(r, enforced) > 0) return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, req: Quantities): string | undefined {
  const r = req[name];
  const e = formatQuantity(enforced);
  if (!r) return `maximum ${name} usage per ${type} is ${e}.  No request is specified`;
  if (compareQuantity(r, enforced) > 0) return `maximum ${name} usage per ${type} is ${e}, but request is ${formatQuantity(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, req: Quantities, lim: Quantities): string | undefined {
  const r = req[name] ? Number(quantityToMilli(req[name]!)) : 0;
  const l = lim[name] ? Number(quantityToMilli(lim[name]!)) : 0;
  const e = formatQuantity(enforced);
  if (r === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no request is specified or request is 0`;
  if (l === 0) return `${name} max limit to request ratio per ${type} is ${e}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  if (ratio * 1000 > Number(quantityToMilli(enforced))) return `${name} max limit to request ratio per ${type} is ${e}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkItem(item: LimitRangeItem, req: Quantities, lim: Quantities, out: string[]) {
  const t = item.type;
  for (const [k, v] of Object.entries(item.min ?? {})) push(out, minConstraint(t, k, q(v), req, lim));
  for (const [k, v] of Object.entries(item.max ?? {})) push(out, maxConstraint(t, k, q(v), req, lim));
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) push(out, ratioConstraint(t, k, q(v), req, lim));
}

const push = (out: string[], msg: string | undefined) => {
  if (msg) out.push(msg);
};

/** The violations of a pod against one LimitRange's items (empty = admitted). */
export function validatePod(spec: PodSpecLike, items: LimitRangeItem[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        checkItem(item, parsed(c.resources?.requests), parsed(c.resources?.limits), out);
      }
    } else if (item.type === 'Pod') {
      // max(sum over containers, each init container) plus the sandbox overhead, as upstream.
      const requests = sumLists((spec.containers ?? []).map((c) => c.resources?.requests));
      const limits = sumLists((spec.containers ?? []).map((c) => c.resources?.limits));
      for (const c of spec.initContainers ?? []) {
        maxInto(requests, c.resources?.requests);
        maxInto(limits, c.resources?.limits);
      }
      const withOverhead = (l: Record<string, Quantity>) => (spec.overhead ? sumLists([toList(l), spec.overhead]) : l);
      checkItem(item, withOverhead(requests), withOverhead(limits), out);
    }
  }
  return out;
}

const toList = (l: Record<string, Quantity>): ResourceList => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, formatQuantity(v)]));

/** The violations of a claim's storage request against one LimitRange's items. */
export function validateClaim(spec: { resources?: { requests?: ResourceList } } | undefined, items: LimitRangeItem[]): string[] {
  const out: string[] = [];
  const req = parsed(spec?.resources?.requests);
  for (const item of items) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of Object.entries(item.min ?? {})) push(out, minConstraint(item.type, k, q(v), req, {}));
    for (const [k, v] of Object.entries(item.max ?? {})) push(out, maxRequestConstraint(item.type, k, q(v), req));
  }
  return out;
}

/** Upstream's aggregate error text: one message as is, several in brackets. */
export function forbiddenText(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}
