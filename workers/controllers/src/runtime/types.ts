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
  /**
   * false: its changes do not wake the controller; they are read at its next round anyway (another
   * resource's poke, a requeue, or the host's poll every 5 s). For high-rate changes that rarely call for
   * action, such as node Leases (upstream's node monitor also looks every 5 s, --node-monitor-period).
   */
  poke?: boolean;
  /**
   * A poke for it starts a catch-up at most this often (ms; default: at once). For a resource that
   * changes many times a second but seldom concerns this controller (every controller that follows
   * pods sees a Deployment's rollout), so that each does not read the change log once per write. The
   * delay is one controller hop's extra latency; a poke is never dropped, only folded into the next read.
   */
  pokeIntervalMs?: number;
}

export interface ReconcileContext {
  api: ApiClient;
  cache: Cache;
  expectations: Expectations;
  now: number;
  /**
   * When the catch-up of the resources followed without pokes (`poke: false`, read at most every
   * UNSUBSCRIBED_EVERY_MS; the others are read when poked) last started: the cache holds every change
   * committed to them before it. Decisions
   * about time passing without a change (a heartbeat missing for the grace period) are made as of then,
   * so a slow round never mistakes its own lag for silence.
   */
  syncedAt?: number;
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

/** `pokeIntervalMs` for pods where a controller acts on its own pods (workloads, endpoints). */
export const POD_POKE_MS = 100;
/** `pokeIntervalMs` where changes are secondary: the Deployment's Recreate wait, PDB status, the GC graph. */
export const SECONDARY_POKE_MS = 250;
