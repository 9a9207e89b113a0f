// Request bodies that must never reach the audit log, whatever the policy says (upstream relies on the
// policy alone; here a permissive AUDIT_POLICY cannot leak credentials): Secrets, token requests and
// reviews, and this API's own credential endpoints (user tokens, node credentials from bootstrap tokens).
import type { ObjectRef } from './types';

const CREDENTIAL_GROUPS = new Set(['kubeflare.dev', 'audit.kubeflare.dev', 'authentication.k8s.io', 'certificates.k8s.io']);

export function mayRecordBody(ref: ObjectRef | undefined): boolean {
  if (!ref?.resource) return false;
  if (CREDENTIAL_GROUPS.has(ref.apiGroup ?? '')) return false;
  if ((ref.apiGroup ?? '') === '' && ref.resource === 'secrets') return false;
  if (ref.subresource === 'token') return false;
  return true;
}
