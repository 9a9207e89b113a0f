// Baseline sysctls: only the namespaced, node-safe set; the set grew in v1.27, v1.29 and v1.32.
import type { Check, CheckFn } from '../types';

const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(safe: string[]): CheckFn {
  const allowed = new Set(safe);
  return (_meta, spec) => {
    // Listed in the pod's order, unsorted, as upstream does.
    const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => !allowed.has(n));
    return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
  };
}

export const sysctlChecks: Check[] = [
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { since: 0, fn: sysctls(SAFE_1_0) },
      { since: 27, fn: sysctls(SAFE_1_27) },
      { since: 29, fn: sysctls(SAFE_1_29) },
      { since: 32, fn: sysctls(SAFE_1_32) },
    ],
  },
];
