// POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token: upstream's TokenRequest REST storage.
// Issues a signed, audience- and time-bound token, optionally bound to a Pod or Secret that must exist
// (with the given uid); a pod-bound token also names the pod's node. Nothing is stored.
import { badRequest, conflict, forbidden, invalid, notFound, type StatusCause } from '../../../../kube/status';
import { nodeNameOf } from '../../../../kube/nodeauth/references';
import { signJwt } from '../../../../kube/jwt';
import type { KObject } from '../../../../kube/registry/types';
import type { ResourceCtx } from '../../context';
import { nowTimestamp } from '../../handlers/common';
import { readObjectBody } from '../../request/body';
import { getObject } from '../../store';
import { buildClaims, type Ref, type TokenSubject as Subject } from './claims';

/** The claims' subject, plus the node the bound pod is scheduled to (for NodeRestriction). */
type TokenSubject = Subject & { podNode?: string };
import { requireKeySet, tokenConfig, type ServiceAccountTokenConfig } from './config';

export const MIN_EXPIRATION_SECONDS = 600;
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

interface TokenRequestBody {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  spec?: {
    audiences?: unknown;
    expirationSeconds?: unknown;
    boundObjectRef?: { kind?: unknown; apiVersion?: unknown; name?: unknown; uid?: unknown } | null;
  };
}

export interface TokenRequestSpec {
  audiences: string[];
  expirationSeconds: number;
  boundObjectRef?: { kind: string; apiVersion: string; name: string; uid?: string };
}

/** Defaults and validates a TokenRequest spec (pure); throws 400/422 as upstream. */
export function normalizeSpec(body: TokenRequestBody, cfg: ServiceAccountTokenConfig): TokenRequestSpec {
  if (body.apiVersion !== undefined && body.apiVersion !== 'authentication.k8s.io/v1') {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (authentication.k8s.io/v1)`);
  }
  if (body.kind !== undefined && body.kind !== 'TokenRequest') throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (TokenRequest)`);
  const spec = body.spec ?? {};
  const causes: StatusCause[] = [];
  let audiences: string[] = [];
  if (spec.audiences !== undefined && spec.audiences !== null) {
    if (!Array.isArray(spec.audiences) || spec.audiences.some((a) => typeof a !== 'string')) throw badRequest('TokenRequest.spec.audiences: expected a list of strings');
    audiences = (spec.audiences as string[]).filter((a) => a !== '');
  }
  if (!audiences.length) audiences = [...cfg.apiAudiences];
  const asked: unknown = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (typeof asked !== 'number' || !Number.isInteger(asked)) throw badRequest('TokenRequest.spec.expirationSeconds: expected an integer');
  let exp = asked;
  if (exp < MIN_EXPIRATION_SECONDS) causes.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${exp}: may not specify a duration less than 10 minutes` });
  if (exp > MAX_EXPIRATION_SECONDS) causes.push({ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${exp}: may not specify a duration larger than 2^32 seconds` });
  if (causes.length) throw invalid('TokenRequest', 'authentication.k8s.io', typeof body.metadata?.name === 'string' ? body.metadata.name : '', causes);
  if (cfg.maxExpirationSeconds !== undefined && exp > cfg.maxExpirationSeconds) exp = cfg.maxExpirationSeconds;
  const out: TokenRequestSpec = { audiences, expirationSeconds: exp };
  const ref = spec.boundObjectRef;
  if (ref) {
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    out.boundObjectRef = { kind: str(ref.kind), apiVersion: str(ref.apiVersion), name: str(ref.name), ...(str(ref.uid) ? { uid: str(ref.uid) } : {}) };
  }
  return out;
}

export async function handleTokenRequest(ctx: ResourceCtx, now = Date.now()): Promise<Response> {
  const namespace = ctx.req.namespace!;
  const name = ctx.req.name!;
  const body = (await readObjectBody(ctx.request)) as TokenRequestBody;
  if (typeof body.metadata?.name === 'string' && body.metadata.name !== '' && body.metadata.name !== name) {
    throw badRequest(`TokenRequest name ${JSON.stringify(body.metadata.name)} must match the ServiceAccount name ${JSON.stringify(name)}`);
  }
  const cfg = tokenConfig(ctx.env);
  const spec = normalizeSpec(body, cfg);
  const keys = await requireKeySet(ctx.env);
  const sa = await load(ctx, 'serviceaccounts', namespace, name);
  if (!sa) throw notFound({ resource: 'serviceaccounts', group: '' }, name);
  const subject: TokenSubject = { namespace, serviceAccount: { name, uid: sa.metadata.uid! } };
  const node = nodeNameOf(ctx.user);
  if (node !== undefined) nodeRestriction(name, spec);
  if (spec.boundObjectRef) await bind(ctx, spec, subject);
  if (node !== undefined && subject.podNode !== node) throw nodeForbidden(name, 'node requested token bound to a pod scheduled on a different node');
  const nowSec = Math.floor(now / 1000);
  const claims = buildClaims(subject, { issuer: cfg.issuer, audiences: spec.audiences, now: nowSec, expirationSeconds: spec.expirationSeconds, jti: crypto.randomUUID() });
  const token = await signJwt(keys.signing, claims);
  const out = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences: spec.audiences, expirationSeconds: spec.expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: nowTimestamp(claims.exp * 1000) },
  };
  return new Response(JSON.stringify(out), { status: 201, headers: { 'Content-Type': 'application/json' } });
}

const nodeForbidden = (name: string, why: string) => forbidden(`serviceaccounts "${name}" is forbidden: ${why}`, { name, kind: 'serviceaccounts' });

/** NodeRestriction for TokenRequest: a node's tokens must be bound to a pod (by uid) that runs on it. */
function nodeRestriction(name: string, spec: TokenRequestSpec): void {
  const ref = spec.boundObjectRef;
  if (!ref || ref.kind !== 'Pod') throw nodeForbidden(name, 'node requested token not bound to a pod');
  if (!ref.uid) throw nodeForbidden(name, 'node requested token with a pod binding without a uid');
}

async function load(ctx: ResourceCtx, resource: string, namespace: string, name: string): Promise<KObject | undefined> {
  const row = await getObject(ctx.db, { resource, namespace, name });
  return row ? (JSON.parse(row.json) as KObject) : undefined;
}

async function bind(ctx: ResourceCtx, spec: TokenRequestSpec, subject: TokenSubject): Promise<void> {
  const ref = spec.boundObjectRef!;
  const gv = ref.apiVersion;
  const kindText = `${gv || 'v1'}, Kind=${ref.kind}`;
  if (gv !== 'v1' && gv !== '') throw badRequest(`cannot bind token to object of type /${kindText}`);
  if (ref.kind !== 'Pod' && ref.kind !== 'Secret') throw badRequest(`cannot bind token to object of type /${kindText}`);
  if (!ref.name) throw badRequest('boundObjectRef.name: Required value');
  const resource = ref.kind === 'Pod' ? 'pods' : 'secrets';
  const obj = await load(ctx, resource, subject.namespace, ref.name);
  if (!obj) throw notFound({ resource, group: '' }, ref.name);
  const uid = obj.metadata.uid!;
  if (ref.uid && ref.uid !== uid) {
    throw conflict({ resource: ref.kind, group: '' }, ref.name, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  ref.uid = uid;
  const self: Ref = { name: ref.name, uid };
  if (ref.kind === 'Secret') {
    subject.secret = self;
    return;
  }
  const podSpec = (obj.spec ?? {}) as { serviceAccountName?: string; nodeName?: string };
  if ((podSpec.serviceAccountName || 'default') !== subject.serviceAccount.name) {
    throw badRequest(`cannot bind token for serviceaccount ${JSON.stringify(subject.serviceAccount.name)} to pod running with different serviceaccount name.`);
  }
  subject.pod = self;
  subject.podNode = podSpec.nodeName;
  if (podSpec.nodeName) {
    const node = await load(ctx, 'nodes', '', podSpec.nodeName);
    // Upstream names the node only when it can read it; a missing Node leaves the claim out.
    if (node) subject.node = { name: podSpec.nodeName, uid: node.metadata.uid! };
  }
}
