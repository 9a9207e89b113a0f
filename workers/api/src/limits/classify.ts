// Which budget a request is charged to, after upstream API Priority and Fairness' default FlowSchemas:
// system:masters is exempt; the control plane's own identities (scheduler, controller manager, nodes)
// share the larger "system" level; everyone else is a "workload" flow keyed by user name.
import type { UserInfo } from '../auth/user';

export type Level = 'exempt' | 'system' | 'workload';

const SYSTEM_USERS = new Set(['system:kube-scheduler', 'system:kube-controller-manager']);

export function levelOf(user: UserInfo): Level {
  if (user.groups.includes('system:masters')) return 'exempt';
  if (SYSTEM_USERS.has(user.name) || user.groups.includes('system:nodes')) return 'system';
  return 'workload';
}

export type RequestKind = 'watch' | 'long-running' | 'short';

/** Watches are counted by the watch caps; streams (logs, exec, attach, port-forward, proxy) by neither cap, as upstream's long-running check. */
export function kindOf(req: Request): RequestKind {
  const url = new URL(req.url);
  if (req.method === 'GET') {
    const w = url.searchParams.get('watch');
    if (w === 'true' || w === '1' || /^\/apis?\/.*\/watch\//.test(url.pathname)) return 'watch';
  }
  if (req.headers.get('upgrade') || /\/(log|exec|attach|portforward|proxy)$/.test(url.pathname)) return 'long-running';
  return 'short';
}
