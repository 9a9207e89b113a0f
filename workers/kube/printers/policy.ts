// PodDisruptionBudgets, ResourceQuotas, PriorityClasses and Leases.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import { quantityText } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

const age = (o: KObject, now: number) => since(o.metadata.creationTimestamp, now);
const orNA = (v: number | string | undefined | null) => (v === undefined || v === null ? 'N/A' : String(v));

interface PDB extends KObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string };
  status?: { disruptionsAllowed?: number };
}

export const pdbPrinter: Printer<PDB> = {
  columns: [
    NAME,
    col('Min Available', 'Pods that must stay available.'),
    col('Max Unavailable', 'Pods that may be unavailable.'),
    col('Allowed Disruptions', 'Evictions allowed right now.', { type: 'integer' }),
    AGE,
  ],
  cells: (o, now) => [o.metadata.name ?? '', orNA(o.spec?.minAvailable), orNA(o.spec?.maxUnavailable), o.status?.disruptionsAllowed ?? 0, age(o, now)],
};

interface Quota extends KObject {
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** "requests.cpu: 500m/1, pods: 2/10" and "limits.cpu: 1/2", resources in name order. */
export function quotaColumns(o: Quota): [string, string] {
  const hard = o.status?.hard ?? {};
  const used = o.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    const target = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    target.push(`${r}: ${quantityText(used[r])}/${quantityText(hard[r])}`);
  }
  return [request.join(', '), limit.join(', ')];
}

// Kubernetes 1.32 (the version this server reports) prints AGE before REQUEST and LIMIT.
export const resourceQuotaPrinter: Printer<Quota> = {
  columns: [NAME, AGE, col('Request', 'Used/hard for request quotas.'), col('Limit', 'Used/hard for limit quotas.')],
  cells: (o, now) => [o.metadata.name ?? '', age(o, now), ...quotaColumns(o)],
};

interface PriorityClass extends KObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

export const priorityClassPrinter: Printer<PriorityClass> = {
  columns: [
    NAME,
    col('Value', 'Priority value.', { type: 'integer' }),
    col('Global-Default', 'Whether pods without a class get this one.', { type: 'boolean' }),
    AGE,
    col('PreemptionPolicy', 'Whether these pods may preempt others.'),
  ],
  cells: (o, now) => [o.metadata.name ?? '', o.value ?? 0, o.globalDefault ?? false, age(o, now), o.preemptionPolicy ?? ''],
};

export const leasePrinter: Printer<KObject & { spec?: { holderIdentity?: string | null } }> = {
  columns: [NAME, col('Holder', 'Current holder of the lease.'), AGE],
  cells: (o, now) => [o.metadata.name ?? '', o.spec?.holderIdentity ?? '', age(o, now)],
};
