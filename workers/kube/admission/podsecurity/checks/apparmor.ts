// Baseline AppArmor: no Unconfined (or other non-default) profile, whether set by the securityContext
// fields or by the legacy per-container annotations.
import type { Check, CheckFn } from '../types';
import { allContainers, goQuote, joinQuote, pluralize, settersPhrase, sortedSet } from '../format';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const allowedType = (t: string) => t === 'RuntimeDefault' || t === 'Localhost';
const allowedAnnotation = (v: string) => v === '' || v === 'runtime/default' || v.startsWith('localhost/');

const appArmorProfile: CheckFn = (meta, spec) => {
  const values: string[] = [];
  const podType = spec.securityContext?.appArmorProfile?.type;
  const pod = podType !== undefined && !allowedType(podType);
  if (pod) values.push(podType);
  const bad: string[] = [];
  for (const c of allContainers(spec)) {
    const t = c.securityContext?.appArmorProfile?.type;
    if (t !== undefined && !allowedType(t)) {
      bad.push(c.name);
      values.push(t);
    }
  }
  // Annotations name no container list: any key with the prefix counts, even a bare prefix.
  const annotations = Object.entries(meta.annotations ?? {})
    .filter(([k, v]) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(v))
    .map(([k, v]) => `${k}=${goQuote(v)}`)
    .sort();
  if (!pod && !bad.length && !annotations.length) return undefined;
  const all = [...sortedSet(values), ...annotations];
  const extra = annotations.length ? [pluralize('annotation', 'annotations', annotations.length)] : [];
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', all.length),
    detail: `${settersPhrase(pod, bad, extra)} must not set AppArmor profile type to ${joinQuote(all)}`,
  };
};

export const appArmorChecks: Check[] = [{ id: 'appArmorProfile', level: 'baseline', versions: [{ since: 0, fn: appArmorProfile }] }];
