// DefaultTolerationSeconds admission (upstream's plugin/pkg/admission/defaulttolerationseconds): every
// new pod tolerates the not-ready and unreachable NoExecute taints for a while (300 s unless configured
// by DEFAULT_NOT_READY_TOLERATION_SECONDS / DEFAULT_UNREACHABLE_TOLERATION_SECONDS, upstream's
// --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds), unless it already
// tolerates them. POD_EVICTION_TIMEOUT_SECONDS, the older knob these flags replaced, is the fallback so a
// stack configured for fast eviction gets it for its pods too.
import type { KObject } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import type { Env } from '../env';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
const DEFAULT_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

function seconds(env: Env, name: 'DEFAULT_NOT_READY_TOLERATION_SECONDS' | 'DEFAULT_UNREACHABLE_TOLERATION_SECONDS'): number {
  for (const v of [env[name], env.POD_EVICTION_TIMEOUT_SECONDS]) {
    const n = Number(v);
    if (v !== undefined && v !== '' && Number.isInteger(n) && n >= 0) return n;
  }
  return DEFAULT_SECONDS;
}

/** The pod's tolerations with the defaults appended where the pod does not already tolerate the taint. */
export function withDefaultTolerations(tolerations: Toleration[] | undefined, notReady: number, unreachable: number): Toleration[] {
  const out = [...(tolerations ?? [])];
  const covers = (key: string) => out.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
  const add: Toleration[] = [];
  if (!covers(TAINT_NOT_READY)) add.push({ key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: notReady });
  if (!covers(TAINT_UNREACHABLE)) add.push({ key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: unreachable });
  return [...out, ...add];
}

export function admitDefaultTolerations(ctx: ResourceCtx, obj: KObject): void {
  if (ctx.def.group !== '' || ctx.def.kind !== 'Pod' || ctx.req.subresource) return;
  const spec = ((obj as { spec?: { tolerations?: Toleration[] } }).spec ??= {});
  const next = withDefaultTolerations(spec.tolerations, seconds(ctx.env, 'DEFAULT_NOT_READY_TOLERATION_SECONDS'), seconds(ctx.env, 'DEFAULT_UNREACHABLE_TOLERATION_SECONDS'));
  if (next.length !== (spec.tolerations?.length ?? 0)) spec.tolerations = next;
}
