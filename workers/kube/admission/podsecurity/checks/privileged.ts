// Baseline: privileged containers, unmasked /proc, and Windows host process containers.
import type { Check, CheckFn } from '../types';
import { allContainers, containersPhrase, joinQuote, settersPhrase, sortedSet } from '../format';

const privileged: CheckFn = (_meta, spec) => {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) => c.name);
  return bad.length ? { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true` } : undefined;
};

// Anything but "Default" (or unset) exposes the host's /proc.
const procMount: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const c of allContainers(spec)) {
    const pm = c.securityContext?.procMount;
    if (pm !== undefined && pm !== 'Default') {
      bad.push(c.name);
      types.push(pm);
    }
  }
  if (!bad.length) return undefined;
  return { reason: 'procMount', detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` };
};

const windowsHostProcess: CheckFn = (_meta, spec) => {
  const bad = allContainers(spec)
    .filter((c) => c.securityContext?.windowsOptions?.hostProcess === true)
    .map((c) => c.name);
  const pod = spec.securityContext?.windowsOptions?.hostProcess === true;
  if (!pod && !bad.length) return undefined;
  return { reason: 'hostProcess', detail: `${settersPhrase(pod, bad)} must not set securityContext.windowsOptions.hostProcess=true` };
};

export const privilegeChecks: Check[] = [
  { id: 'privileged', level: 'baseline', versions: [{ since: 0, fn: privileged }] },
  { id: 'procMount', level: 'baseline', versions: [{ since: 0, fn: procMount }] },
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ since: 0, fn: windowsHostProcess }] },
];
