// Access reviews and SelfSubjectReview: answered from the authorizer and the request's identity,
// returned with 201 like a create, never stored.
import { apiVersionOf } from '../../../kube/registry/types';
import { badRequest } from '../../../kube/status';
import type { Authorizer, RequestAttributes } from '../auth/authorizer';
import type { UserInfo } from '../auth/user';
import type { ResourceCtx } from '../context';
import { readObjectBody } from '../request/body';
import { decodeIncoming } from './admit';
import { jsonResponse } from './common';
import { reviewToken } from '../auth/serviceaccount/token-review';

interface ResourceAttrs {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export async function handleReview(ctx: ResourceCtx, authorizer: Authorizer): Promise<Response> {
  const { def } = ctx;
  const input = await readObjectBody(ctx.request);
  const { obj } = decodeIncoming(ctx, input);
  const spec = (obj.spec ?? {}) as {
    resourceAttributes?: ResourceAttrs;
    nonResourceAttributes?: { path?: string; verb?: string };
    namespace?: string;
    user?: string;
    groups?: string[];
    uid?: string;
  };
  let status: Record<string, unknown>;
  switch (def.kind) {
    case 'SelfSubjectReview':
      status = { userInfo: { username: ctx.user.name, uid: ctx.user.uid || undefined, groups: ctx.user.groups, ...(ctx.user.extra && Object.keys(ctx.user.extra).length ? { extra: ctx.user.extra } : {}) } };
      break;
    case 'TokenReview':
      status = { ...(await reviewToken(ctx, spec as { token?: string; audiences?: string[] })) };
      break;
    case 'SelfSubjectRulesReview':
      status = { ...(await authorizer.rulesFor(ctx.user, spec.namespace ?? '')) };
      break;
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview': {
      const subject: UserInfo =
        def.kind === 'SubjectAccessReview' ? { name: spec.user ?? '', uid: spec.uid ?? '', groups: spec.groups ?? [] } : ctx.user;
      status = await review(authorizer, subject, spec);
      break;
    }
    default:
      throw badRequest(`${def.kind} cannot be created`);
  }
  const out = { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { creationTimestamp: null }, ...(obj.spec ? { spec: obj.spec } : {}), status };
  return jsonResponse(ctx, 201, out);
}

async function review(authorizer: Authorizer, user: UserInfo, spec: { resourceAttributes?: ResourceAttrs; nonResourceAttributes?: { path?: string; verb?: string } }) {
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  if (!!r === !!n) throw badRequest('exactly one of nonResourceAttributes or resourceAttributes must be specified');
  const attrs: RequestAttributes = r
    ? { user, verb: r.verb ?? '', group: r.group ?? '', version: r.version, resource: r.resource ?? '', subresource: r.subresource, namespace: r.namespace, name: r.name }
    : { user, verb: n!.verb ?? '', path: n!.path ?? '' };
  const d = await authorizer.authorize(attrs);
  return d.allowed ? { allowed: true, ...(d.reason ? { reason: d.reason } : {}) } : { allowed: false, ...(d.reason ? { reason: d.reason } : {}) };
}
