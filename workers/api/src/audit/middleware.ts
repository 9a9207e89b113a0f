// The audit stage of the pipeline, in two parts:
//   auditRequests()  outermost after the store handle: assigns the auditID (Audit-Id header), and once the
//                    response exists writes the event (ResponseStarted + ResponseComplete for watches),
//                    off the request path through ctx.waitUntil; failed authentication is recorded too.
//   auditIdentity()  after authentication, before impersonation (as upstream's filter order): notes the
//                    authenticated user, applies the policy, keeps a copy of the body when it is recorded.
import type { MiddlewareHandler } from 'hono';
import { parse as parseYaml } from 'yaml';
import { decodeKubernetesProtobuf } from '../../../kube/protobuf';
import type { AppEnv } from '../app-env';
import type { UserInfo } from '../auth/user';
import { execOf, onBodyEnd } from '../limits/stream-end';
import { TokenBuckets } from '../limits/token-bucket';
import { targetOf, type RequestTarget } from './attributes';
import { auditConfig, auditDb, type AuditEnv } from './config';
import { evaluatePolicy, type PolicyDecision } from './policy';
import { auditUser, beginRecord, recordOf, type InFlight } from './record';
import { mayRecordBody } from './redact';
import { auditSink } from './sink';
import { sourceIPs } from './source-ips';
import { microTime, REQUEST_OBJECT_JSON, type AuditEvent, type RecordedEvent, type Stage } from './types';

/** Larger request bodies are not copied into the log (an annotation says so). */
export const MAX_RECORDED_BODY = 128 * 1024;
const UNAUTHENTICATED = { name: '', groups: ['system:unauthenticated'] };
/** Failed authentications are recorded up to this rate per source address, so a flood of bad tokens
 * cannot turn into a flood of audit rows (the rest are counted in auditSink.dropped). */
const UNAUTHENTICATED_BUDGET = { rate: 5, burst: 20 };
const unauthenticated = new TokenBuckets();

export function auditRequests(): MiddlewareHandler<AppEnv> {
  return async function auditRequests(c, next) {
    const rec: InFlight = { auditID: crypto.randomUUID(), received: Date.now() };
    beginRecord(c.req.raw, rec);
    const target = targetOf(c.req.raw);
    await next();
    let res = withAuditId(c.res, rec.auditID);
    const cfg = auditConfig(c.env as AuditEnv);
    const policy = rec.policy ?? evaluatePolicy(cfg.policy, policyAttributes(target, rec.user));
    const flood = !rec.user && !unauthenticated.take(sourceIPs(c.req.raw.headers).at(-1) ?? '', UNAUTHENTICATED_BUDGET, Date.now()).ok;
    if (flood) auditSink.dropped++;
    if (policy.level !== 'None' && !flood) {
      const exec = execOf(c);
      const db = auditDb(c.env as AuditEnv, c.var.db);
      const write = (stage: Stage, ev: AuditEvent) => {
        if (policy.omitStages.includes(stage)) return;
        const p = auditSink.add(db, { ...ev, stage, stageTimestamp: microTime(Date.now()) }, rec.received, cfg.retention);
        exec?.waitUntil(p);
      };
      // Error Statuses give responseStatus its reason and message; a created object gives objectRef its name.
      const unnamedCreate = target.verb === 'create' && !!target.objectRef && target.objectRef.name === undefined && res.status < 300 && rec.createdName === undefined;
      const responseCopy = (res.status >= 400 || unnamedCreate) && res.body ? res.clone() : undefined;
      const impersonated = c.var.user && rec.user && c.var.user !== rec.user ? c.var.user : undefined;
      const built = buildEvent(rec, target, policy, res.status, c.req.raw.headers, impersonated, responseCopy);
      if (target.verb === 'watch' && res.status === 200) {
        // Long-running: one event when the stream starts, one when it ends (upstream's two stages).
        const started = built.then((ev) => write('ResponseStarted', ev)).catch(logError);
        exec?.waitUntil(started);
        res = onBodyEnd(res, exec, () => built.then((ev) => write('ResponseComplete', ev)).catch(logError));
      } else {
        exec?.waitUntil(built.then((ev) => write('ResponseComplete', ev)).catch(logError));
      }
    }
    if (res !== c.res) {
      // Cleared first: Hono would otherwise rebuild the new response (losing a WebSocket) to merge headers.
      c.res = undefined;
      c.res = res;
    }
  };
}

export function auditIdentity(): MiddlewareHandler<AppEnv> {
  return async function auditIdentity(c, next) {
    const rec = recordOf(c.req.raw);
    if (rec) {
      rec.user = c.var.user;
      const target = targetOf(c.req.raw);
      rec.policy = evaluatePolicy(auditConfig(c.env as AuditEnv).policy, policyAttributes(target, rec.user));
      const writes = c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH';
      if (writes && c.req.raw.body && (rec.policy.level === 'Request' || rec.policy.level === 'RequestResponse') && mayRecordBody(target.objectRef)) {
        rec.wantsBody = true;
      }
    }
    return next();
  };
}

function policyAttributes(t: RequestTarget, user: UserInfo | undefined) {
  const u = user ?? UNAUTHENTICATED;
  const o = t.objectRef;
  return {
    user: { name: u.name, groups: u.groups },
    verb: t.verb,
    ...(o?.resource ? { resource: { group: o.apiGroup ?? '', resource: o.resource, subresource: o.subresource, namespace: o.namespace, name: o.name } } : { path: t.path }),
  };
}

async function buildEvent(rec: InFlight, t: RequestTarget, policy: PolicyDecision, code: number, headers: Headers, impersonated: UserInfo | undefined, responseCopy: Response | undefined): Promise<AuditEvent> {
  const ev: AuditEvent = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: policy.level,
    auditID: rec.auditID,
    stage: 'ResponseComplete',
    requestURI: t.requestURI,
    verb: t.verb,
    user: auditUser(rec.user),
    ...(impersonated ? { impersonatedUser: auditUser(impersonated) } : {}),
    sourceIPs: sourceIPs(headers),
    ...(headers.get('user-agent') ? { userAgent: headers.get('user-agent')! } : {}),
    ...(t.objectRef ? { objectRef: t.objectRef } : {}),
    responseStatus: { metadata: {}, code },
    requestReceivedTimestamp: microTime(rec.received),
    stageTimestamp: '',
  };
  const annotations: Record<string, string> = {};
  const decision = rec.decision ?? (code === 403 ? { allowed: false, reason: '' } : rec.user && code < 400 ? { allowed: true, reason: '' } : undefined);
  if (decision) {
    annotations['authorization.k8s.io/decision'] = decision.allowed ? 'allow' : 'forbid';
    annotations['authorization.k8s.io/reason'] = decision.reason;
  }
  if (responseCopy) {
    const body = (await responseCopy.json().catch(() => undefined)) as { kind?: string; status?: string; reason?: string; message?: string; metadata?: { name?: string; namespace?: string } } | undefined;
    if (code >= 400 && body?.reason) Object.assign(ev.responseStatus!, { status: body.status, reason: body.reason, message: body.message });
    // As upstream completes objectRef from the object (only its name is kept: a Secret's data is dropped here).
    else if (code < 300 && ev.objectRef && typeof body?.metadata?.name === 'string') ev.objectRef = { ...ev.objectRef, name: body.metadata.name };
  }
  if (rec.wantsBody && code !== 401 && code !== 403 && code !== 429) {
    // A body the handler parsed as JSON goes in as its text; anything else is decoded here.
    if (rec.bodyJson !== undefined && rec.bodyBytes && rec.bodyBytes.byteLength <= MAX_RECORDED_BODY) {
      (ev as RecordedEvent)[REQUEST_OBJECT_JSON] = rec.bodyJson;
    } else {
      const body = requestObject(rec.bodyBytes, headers);
      if (body.object !== undefined) ev.requestObject = body.object;
      if (body.note) annotations['audit.kubeflare.dev/request-object'] = body.note;
    }
  }
  if (rec.createdName && ev.objectRef && ev.objectRef.name === undefined && code < 300) ev.objectRef = { ...ev.objectRef, name: rec.createdName };
  if (Object.keys(annotations).length) ev.annotations = annotations;
  return ev;
}

/** The body the handler read, decoded for the log (none when the handler never read it, as upstream). */
function requestObject(bytes: Uint8Array | undefined, headers: Headers): { object?: unknown; note?: string } {
  if (!bytes) return Number(headers.get('content-length') ?? '0') > MAX_RECORDED_BODY ? { note: `not recorded: larger than ${MAX_RECORDED_BODY} bytes` } : {};
  if (bytes.byteLength > MAX_RECORDED_BODY) return { note: `not recorded: larger than ${MAX_RECORDED_BODY} bytes` };
  if (bytes.byteLength === 0) return {};
  const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  try {
    if (type === 'application/vnd.kubernetes.protobuf') return { object: decodeKubernetesProtobuf(bytes).object };
    const text = new TextDecoder().decode(bytes);
    if (type === 'application/yaml') return { object: parseYaml(text) };
    return { object: JSON.parse(text) };
  } catch {
    return { note: 'not recorded: the body could not be decoded' };
  }
}

/** Upstream returns the auditID to the client as the Audit-Id header. */
function withAuditId(res: Response, id: string): Response {
  try {
    res.headers.set('Audit-Id', id);
    return res;
  } catch {
    // Immutable headers (a response passed through from a Durable Object): copy it.
    if (res.status === 101) return res;
    const copy = new Response(res.body, res);
    copy.headers.set('Audit-Id', id);
    return copy;
  }
}

function logError(err: unknown) {
  console.error(JSON.stringify({ msg: 'audit event failed', err: String(err) }));
}
