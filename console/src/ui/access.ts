// Asks the server (SelfSubjectAccessReview) about several actions at once; an action is shown only
// when allowed, and the server still decides when it is done.
import { useEffect, useState } from 'preact/hooks';
import { type Access, allowed } from '../api/access';
import type { Api } from '../api/client';

export function useAccess<K extends string>(api: Api, checks: Record<K, Access | undefined>, deps: unknown[]): Record<K, boolean> | undefined {
  const [can, setCan] = useState<Record<K, boolean>>();
  useEffect(() => {
    let live = true;
    setCan(undefined);
    const keys = Object.keys(checks) as K[];
    Promise.all(keys.map((k) => (checks[k] ? allowedRetrying(api, checks[k]!) : Promise.resolve(false)))).then((r) => {
      if (live) setCan(Object.fromEntries(keys.map((k, i) => [k, r[i]])) as Record<K, boolean>);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ...deps]);
  return can;
}

/**
 * A review that failed (a network error or a 5xx, not a denial) is asked again twice, half a second apart:
 * one transient failure must not hide an action, or the logs and shell tabs, for the whole visit.
 */
async function allowedRetrying(api: Api, check: Access): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await allowed(api, check);
    } catch {
      if (attempt >= 2) return false;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
