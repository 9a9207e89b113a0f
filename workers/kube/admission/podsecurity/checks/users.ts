// Restricted: no privilege escalation, no root user (runAsNonRoot required, runAsUser 0 refused).
import type { Check, CheckFn } from '../types';
import { allContainers, containersPhrase, isWindowsPod, settersPhrase } from '../format';

const allowPrivilegeEscalation: CheckFn = (_meta, spec) => {
  // Unset means allowed by the runtime, so only an explicit false passes.
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  return bad.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false` } : undefined;
};

// Windows pods cannot set the field; from v1.25 they are exempt.
const allowPrivilegeEscalationWindowsAware: CheckFn = (meta, spec) => (isWindowsPod(spec) ? undefined : allowPrivilegeEscalation(meta, spec));

const runAsNonRoot: CheckFn = (_meta, spec) => {
  const podValue = spec.securityContext?.runAsNonRoot;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const c of allContainers(spec)) {
    const v = c.securityContext?.runAsNonRoot;
    if (v === false) explicit.push(c.name);
    else if (v === undefined && podValue !== true) implicit.push(c.name);
  }
  const pod = podValue === false;
  if (pod || explicit.length) {
    return { reason: 'runAsNonRoot != true', detail: `${settersPhrase(pod, explicit)} must not set securityContext.runAsNonRoot=false` };
  }
  if (implicit.length) {
    return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true` };
  }
  return undefined;
};

const runAsUser: CheckFn = (_meta, spec) => {
  const pod = spec.securityContext?.runAsUser === 0;
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name);
  return pod || bad.length ? { reason: 'runAsUser=0', detail: `${settersPhrase(pod, bad)} must not set runAsUser=0` } : undefined;
};

export const userChecks: Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { since: 8, fn: allowPrivilegeEscalation },
      { since: 25, fn: allowPrivilegeEscalationWindowsAware },
    ],
  },
  { id: 'runAsNonRoot', level: 'restricted', versions: [{ since: 0, fn: runAsNonRoot }] },
  { id: 'runAsUser', level: 'restricted', versions: [{ since: 23, fn: runAsUser }] },
];
