// The audit record of one request in flight, found by its Request object: the pipeline's stages add to
// it (the authenticated user, the authorization decision) without new per-request variables.
import type { Authorizer } from '../auth/authorizer';
import type { UserInfo } from '../auth/user';
import type { PolicyDecision } from './policy';
import type { AuditUser } from './types';

export interface InFlight {
  auditID: string;
  received: number;
  user?: UserInfo;
  policy?: PolicyDecision;
  decision?: { allowed: boolean; reason: string };
  /** A copy of the body, taken when the level asks for it and the kind may be recorded. */
  body?: Request;
}

const records = new WeakMap<Request, InFlight>();

export const beginRecord = (req: Request, r: InFlight) => records.set(req, r);
export const recordOf = (req: Request): InFlight | undefined => records.get(req);

/** Wraps the request's authorizer so its first decision (the request's own) is kept for the annotations. */
export function auditedAuthorizer(authorizer: Authorizer, req: Request): Authorizer {
  const r = records.get(req);
  if (!r) return authorizer;
  return {
    async authorize(attrs) {
      const d = await authorizer.authorize(attrs);
      r.decision ??= { allowed: d.allowed, reason: d.reason };
      return d;
    },
    rulesFor: (user, namespace) => authorizer.rulesFor(user, namespace),
  };
}

export function auditUser(u: UserInfo | undefined): AuditUser {
  if (!u) return {};
  return { username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) };
}
