// Seccomp. Baseline refuses Unconfined (the alpha annotations before v1.19, the fields from v1.19);
// restricted also requires a profile on every container, directly or through the pod.
import type { Check, CheckFn } from '../types';
import { allContainers, containersPhrase, goQuote, isWindowsPod, joinQuote, pluralize, settersPhrase, sortedSet } from '../format';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const validType = (t: string) => t === 'RuntimeDefault' || t === 'Localhost';
const validAnnotation = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

const baselineAnnotations: CheckFn = (meta, spec) => {
  const annotations = meta.annotations ?? {};
  const keys = [POD_ANNOTATION, ...allContainers(spec).map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)];
  const bad = sortedSet(keys.filter((k) => k in annotations && !validAnnotation(annotations[k])).map((k) => `${k}=${goQuote(annotations[k])}`));
  if (!bad.length) return undefined;
  return { reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', bad.length)} ${bad.join(', ')}` };
};

/** Explicitly bad settings, shared by both levels; `podValid` says the pod set an allowed type. */
function scan(spec: Parameters<CheckFn>[1]) {
  const values: string[] = [];
  const podType = spec.securityContext?.seccompProfile?.type;
  const pod = podType !== undefined && !validType(podType);
  if (pod) values.push(podType);
  const bad: string[] = [];
  const unset: string[] = [];
  for (const c of allContainers(spec)) {
    const t = c.securityContext?.seccompProfile?.type;
    if (t === undefined) unset.push(c.name);
    else if (!validType(t)) {
      bad.push(c.name);
      values.push(t);
    }
  }
  const explicit =
    pod || bad.length
      ? { reason: 'seccompProfile', detail: `${settersPhrase(pod, bad)} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}` }
      : undefined;
  return { explicit, unset, podValid: podType !== undefined && validType(podType) };
}

const baselineFields: CheckFn = (_meta, spec) => scan(spec).explicit;

const restricted: CheckFn = (_meta, spec) => {
  const { explicit, unset, podValid } = scan(spec);
  if (explicit) return explicit;
  if (podValid || !unset.length) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  };
};

// Windows pods have no seccomp; from v1.25 they are exempt.
const restrictedWindowsAware: CheckFn = (meta, spec) => (isWindowsPod(spec) ? undefined : restricted(meta, spec));

export const seccompChecks: Check[] = [
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { since: 0, fn: baselineAnnotations },
      { since: 19, fn: baselineFields },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { since: 19, fn: restricted, overrides: ['seccompProfile_baseline'] },
      { since: 25, fn: restrictedWindowsAware, overrides: ['seccompProfile_baseline'] },
    ],
  },
];
