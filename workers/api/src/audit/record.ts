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
  /** The level asks for the body and the kind may be recorded: keep the bytes the handler reads. */
  wantsBody?: boolean;
  /** The request body as the handler read it (request/body.ts), when wantsBody. */
  bodyBytes?: Uint8Array;
  /** Those bytes as text, when the handler parsed them as JSON without error (so the text is valid JSON). */
  bodyJson?: string;
  /** The name a create gave the object (from generateName), so objectRef is completed without reading the response. */
  createdName?: string;
}

const records = new WeakMap<Request, InFlight>();

export const beginRecord = (req: Request, r: InFlight) => records.set(req, r);
export const recordOf = (req: Request): InFlight | undefined => records.get(req);

/** A create named its object (from generateName): objectRef gets the name without reading the response. */
export function noteCreatedName(req: Request, name: string | undefined): void {
  const r = records.get(req);
  if (r && name) r.createdName = name;
}

/**
 * The handler read `req`'s body: the audit keeps those bytes (no copy of the stream), so the log holds
 * the body as the handler decoded it, as upstream logs the request object its handler decoded.
 */
export function noteBodyRead(req: Request, bytes: Uint8Array): void {
  const r = records.get(req);
  if (r?.wantsBody) r.bodyBytes = bytes;
}

/** The handler parsed the body it read as JSON: the event can carry that text as requestObject. */
export function noteBodyParsedJson(req: Request, text: string): void {
  const r = records.get(req);
  if (r?.bodyBytes) r.bodyJson = text;
}

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
