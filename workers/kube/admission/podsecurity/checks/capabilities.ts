// Capabilities: baseline refuses additions beyond the container runtime's default set; restricted
// requires dropping ALL and adding at most NET_BIND_SERVICE (and replaces the baseline check).
import type { Check, CheckFn } from '../types';
import { allContainers, containersPhrase, isWindowsPod, joinQuote, sortedSet } from '../format';

const BASELINE_ALLOWED = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

const mustNotAdd = (names: string[], caps: string[]) =>
  `${containersPhrase(names)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`;

const baseline: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const extra: string[] = [];
  for (const c of allContainers(spec)) {
    const added = (c.securityContext?.capabilities?.add ?? []).filter((cap) => !BASELINE_ALLOWED.has(cap));
    if (added.length) {
      bad.push(c.name);
      extra.push(...added);
    }
  }
  return bad.length ? { reason: 'non-default capabilities', detail: mustNotAdd(bad, extra) } : undefined;
};

const restricted: CheckFn = (_meta, spec) => {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const extra: string[] = [];
  for (const c of allContainers(spec)) {
    const caps = c.securityContext?.capabilities;
    if (!caps) {
      missingDrop.push(c.name);
      continue;
    }
    if (!(caps.drop ?? []).includes('ALL')) missingDrop.push(c.name);
    const added = (caps.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length) {
      adding.push(c.name);
      extra.push(...added);
    }
  }
  const details: string[] = [];
  if (missingDrop.length) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length) details.push(mustNotAdd(adding, extra));
  return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
};

// Windows pods cannot set capabilities at all, so from v1.25 they are exempt.
const restrictedWindowsAware: CheckFn = (meta, spec) => (isWindowsPod(spec) ? undefined : restricted(meta, spec));

export const capabilityChecks: Check[] = [
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ since: 0, fn: baseline }] },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { since: 22, fn: restricted, overrides: ['capabilities_baseline'] },
      { since: 25, fn: restrictedWindowsAware, overrides: ['capabilities_baseline'] },
    ],
  },
];
