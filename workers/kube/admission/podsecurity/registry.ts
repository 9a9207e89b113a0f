// The check table and the choice of checks for a level and version, following upstream's rules:
// each check runs its newest revision not newer than the version; restricted runs the baseline
// checks that no applicable restricted revision overrides; results list baseline ids (sorted) first.
import type { Check, CheckFn, Level } from './types';
import type { PolicyVersion } from './version';
import { appArmorChecks } from './checks/apparmor';
import { capabilityChecks } from './checks/capabilities';
import { hostChecks } from './checks/host';
import { privilegeChecks } from './checks/privileged';
import { seccompChecks } from './checks/seccomp';
import { seLinuxChecks } from './checks/selinux';
import { sysctlChecks } from './checks/sysctls';
import { userChecks } from './checks/users';
import { volumeChecks } from './checks/volumes';

export const CHECKS: Check[] = [
  ...appArmorChecks,
  ...capabilityChecks,
  ...hostChecks,
  ...privilegeChecks,
  ...seccompChecks,
  ...seLinuxChecks,
  ...sysctlChecks,
  ...userChecks,
  ...volumeChecks,
];

/**
 * When each check (and each later revision) took effect, by check id: the table upstream documents.
 * A version older than a check's first entry skips the check entirely.
 */
export const CHECK_VERSIONS: Record<string, number[]> = Object.fromEntries(CHECKS.map((c) => [c.id, c.versions.map((v) => v.since)]));

// Plain code-unit order, which is Go's byte order for these ASCII ids ("seLinux" before "seccomp").
const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDERED = [...CHECKS.filter((c) => c.level === 'baseline').sort(byId), ...CHECKS.filter((c) => c.level === 'restricted').sort(byId)];

function revisionAt(check: Check, version: PolicyVersion) {
  if (version === 'latest') return check.versions[check.versions.length - 1];
  let found;
  for (const v of check.versions) if (v.since <= version) found = v;
  return found;
}

export interface SelectedCheck {
  id: string;
  fn: CheckFn;
}

/** The checks a pod is held to, in reporting order. Privileged has none. */
export function checksFor(level: Level, version: PolicyVersion, checks: Check[] = ORDERED): SelectedCheck[] {
  if (level === 'privileged') return [];
  const applicable = checks
    .filter((c) => c.level === 'baseline' || level === 'restricted')
    .map((c) => ({ check: c, rev: revisionAt(c, version) }))
    .filter((x) => x.rev !== undefined);
  const overridden = new Set(applicable.flatMap((x) => (x.check.level === 'restricted' ? (x.rev?.overrides ?? []) : [])));
  return applicable.filter((x) => !(x.check.level === 'baseline' && overridden.has(x.check.id))).map((x) => ({ id: x.check.id, fn: x.rev!.fn }));
}
