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
    Promise.all(keys.map((k) => (checks[k] ? allowed(api, checks[k]!).catch(() => false) : Promise.resolve(false)))).then((r) => {
      if (live) setCan(Object.fromEntries(keys.map((k, i) => [k, r[i]])) as Record<K, boolean>);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ...deps]);
  return can;
}
