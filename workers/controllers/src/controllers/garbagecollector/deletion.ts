// What a DELETE does to an object under each propagation policy (the API server's half of cascading
// deletion; the garbage collector does the rest).
import { timestamp } from '../common/time';
import type { KObject } from '../common/types';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Kept until the dependents with blockOwnerDeletion are gone. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** Kept until the dependents' references to the object are removed. */
export const ORPHAN_FINALIZER = 'orphan';

export type DeleteDecision =
  /** No finalizers: remove the object now (Background: the collector deletes dependents afterwards). */
  | { remove: true }
  /** Keep the object with these finalizers and deletionTimestamp; it goes when they are all removed. */
  | { remove: false; finalizers: string[]; deletionTimestamp: string };

/**
 * Foreground and Orphan put their finalizer on (replacing the other one, so a second DELETE can
 * change its mind); an explicit Background takes both off. Without a policy the object's kind
 * default applies, which is Background for every kind we serve.
 */
export function decideDelete(obj: KObject, policy: PropagationPolicy | undefined, now: Date): DeleteDecision {
  let fins = obj.metadata.finalizers ?? [];
  const without = (f: string) => fins.filter((x) => x !== f);
  if (policy === 'Foreground') fins = [...without(ORPHAN_FINALIZER).filter((x) => x !== FOREGROUND_FINALIZER), FOREGROUND_FINALIZER];
  else if (policy === 'Orphan') fins = [...without(FOREGROUND_FINALIZER).filter((x) => x !== ORPHAN_FINALIZER), ORPHAN_FINALIZER];
  else if (policy === 'Background') fins = without(ORPHAN_FINALIZER).filter((x) => x !== FOREGROUND_FINALIZER);
  if (fins.length === 0) return { remove: true };
  return { remove: false, finalizers: fins, deletionTimestamp: obj.metadata.deletionTimestamp ?? timestamp(now) };
}
