// What a controller is: the resources it follows, how a change maps to keys, and its reconcile.
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import type { Cache } from './cache';
import type { Expectations } from './expectations';

export interface Watched {
  /** Store key of the resource: "pods", "apps/replicasets". */
  resource: string;
  /** Collection path to list it cluster-wide: "/api/v1/pods". */
  listPath: string;
}

export interface ReconcileContext {
  api: ApiClient;
  cache: Cache;
  expectations: Expectations;
  now: number;
  /** The worker's variables, for controllers with settings (e.g. NODE_MONITOR_GRACE_PERIOD_SECONDS). */
  env?: Readonly<Record<string, unknown>>;
  /** Emits a core/v1 Event about `obj` (best effort). */
  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface ReconcileResult {
  /** Run this key again after the delay (time-based work). */
  requeueAfterMs?: number;
}

export interface ControllerSpec {
  name: string;
  watches: Watched[];
  /** Keys ("namespace/name" of the primary object) to reconcile after `obj` of `resource` changed. */
  keysFor(resource: string, obj: KObject, old: KObject | undefined, cache: Cache): string[];
  reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void>;
  /** Every primary object is reconciled again this often (level-triggered safety net). */
  resyncMs?: number;
}
