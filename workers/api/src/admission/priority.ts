// Priority admission (upstream's plugin/pkg/admission/priority): a new pod's priorityClassName resolves
// to spec.priority and spec.preemptionPolicy from its PriorityClass; a pod naming none gets the global
// default class (lowest value when several), else priority 0. A pod may not set a different priority
// itself. For PriorityClasses: at most one may be the global default.
import type { KObject } from '../../../kube/registry/types';
import { forbidden } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { getObject, listObjects } from '../store';

const RESOURCE = 'scheduling.k8s.io/priorityclasses';
interface PriorityClass extends KObject {
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}
interface PodSpec {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const DEFAULT_TTL_MS = 2_000;
let defaultCache: { pc: PriorityClass | undefined; until: number } | undefined;

/** Forget the cached global default (a PriorityClass was written in this isolate). */
export function invalidatePriorityDefault() {
  defaultCache = undefined;
}

/** The global default class: the one with the lowest value among those marked, as upstream. */
export function pickGlobalDefault(classes: PriorityClass[]): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const pc of classes) if (pc.globalDefault && (best === undefined || pc.value < best.value)) best = pc;
  return best;
}

async function listClasses(ctx: ResourceCtx): Promise<PriorityClass[]> {
  const { rows } = await listObjects(ctx.db, { resource: RESOURCE });
  return rows.map((r) => JSON.parse(r.json) as PriorityClass);
}

async function globalDefault(ctx: ResourceCtx): Promise<PriorityClass | undefined> {
  if (defaultCache && defaultCache.until > Date.now()) return defaultCache.pc;
  const pc = pickGlobalDefault(await listClasses(ctx));
  defaultCache = { pc, until: Date.now() + DEFAULT_TTL_MS };
  return pc;
}

const denied = (ctx: ResourceCtx, obj: KObject, message: string) =>
  forbidden(`${ctx.def.plural} "${obj.metadata.name ?? ''}" is forbidden: ${message}`, { name: obj.metadata.name, kind: ctx.def.plural });

export async function admitPriority(ctx: ResourceCtx, obj: KObject): Promise<void> {
  const { def } = ctx;
  if (def.group === 'scheduling.k8s.io' && def.kind === 'PriorityClass') return admitPriorityClass(ctx, obj as PriorityClass);
  if (def.group !== '' || def.kind !== 'Pod' || ctx.req.subresource) return;
  const spec = ((obj as { spec?: PodSpec }).spec ??= {});
  let priority = 0;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const pc = await globalDefault(ctx);
    if (pc) {
      spec.priorityClassName = pc.metadata.name;
      priority = pc.value;
      policy = pc.preemptionPolicy;
    }
  } else {
    const row = await getObject(ctx.db, { resource: RESOURCE, namespace: '', name: spec.priorityClassName });
    if (!row) throw denied(ctx, obj, `no PriorityClass with name ${spec.priorityClassName} was found`);
    const pc = JSON.parse(row.json) as PriorityClass;
    priority = pc.value;
    policy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw denied(ctx, obj, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy) {
      throw denied(ctx, obj, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** An update of a PriorityClass (pods keep the priority they were admitted with). */
export async function admitPriorityUpdate(ctx: ResourceCtx, obj: KObject): Promise<void> {
  if (ctx.def.group === 'scheduling.k8s.io' && ctx.def.kind === 'PriorityClass' && !ctx.req.subresource) await admitPriorityClass(ctx, obj as PriorityClass);
}

/** Only one PriorityClass may be the global default (create, and an update that turns it on). */
async function admitPriorityClass(ctx: ResourceCtx, pc: PriorityClass): Promise<void> {
  invalidatePriorityDefault();
  if (!pc.globalDefault) return;
  const other = (await listClasses(ctx)).find((c) => c.globalDefault && c.metadata.name !== pc.metadata.name);
  if (other) {
    throw forbidden(`priorityclasses.scheduling.k8s.io "${pc.metadata.name ?? ''}" is forbidden: PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`, {
      name: pc.metadata.name,
      group: 'scheduling.k8s.io',
      kind: 'priorityclasses',
    });
  }
}
