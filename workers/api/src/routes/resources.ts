// Dispatches /api/v1/... and /apis/<group>/<version>/... requests to the verb handlers.
import { badRequest, methodNotAllowed, pathNotFound } from '../../../kube/status';
import { pathSegmentName } from '../../../kube/validation/names';
import { DEFAULT_VERBS } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import type { Env } from '../env';
import type { UserInfo } from '../auth/user';
import { builtinRegistry } from '../registry';
import { currentRegistry } from '../registry/current';
import type { ResourceRequest } from '../request/info';
import type { Db } from '../store';
import { handleCreate } from '../handlers/create';
import { handleDelete } from '../handlers/delete';
import { handleDeleteCollection } from '../handlers/deletecollection';
import { handleGet } from '../handlers/get';
import { handleList } from '../handlers/list';
import { handlePatch } from '../handlers/patch';
import { handleSubresource } from '../handlers/subresources';
import { handleUpdate } from '../handlers/update';
import { handleWatch } from '../handlers/watch';
import { handleReview } from '../handlers/reviews';
import { handleConverted } from '../handlers/converted';
import { requireAllowed } from '../auth/authorizer';
import { rbacAuthorizer } from '../auth/rbac';
import { withNodeAuthorizer } from '../auth/node-authorizer';
import { requestAttributes } from '../auth/request-attributes';
import { handleMetrics } from '../metrics/serve';
import { auditedAuthorizer } from '../audit';

export interface DispatchInput {
  env: Env;
  exec: ExecutionContext;
  db: Db;
  request: Request;
  query: URLSearchParams;
  user: UserInfo;
  req: ResourceRequest;
}

export async function dispatchResource(input: DispatchInput): Promise<Response> {
  const { req } = input;
  // Authorization first, as upstream's filter chain: a denied caller learns nothing from a 404, 405 or 400.
  const authorizer = withNodeAuthorizer(input.db, rbacAuthorizer(input.db));
  await requireAllowed(auditedAuthorizer(authorizer, input.request), requestAttributes(input.user, req, input.query));
  // Built-in kinds skip the CRD lookup on the hot path.
  let registry = builtinRegistry;
  let def = registry.find(req.group, req.version, req.resource);
  if (!def) {
    registry = await currentRegistry(input.db);
    def = registry.find(req.group, req.version, req.resource);
  }
  if (!def) throw pathNotFound();
  if (!def.namespaced && req.namespace !== undefined) throw pathNotFound();
  if (def.namespaced && req.namespace === undefined && req.verb !== 'list' && req.verb !== 'watch') {
    if (req.name !== undefined) throw pathNotFound();
    throw methodNotAllowed();
  }
  for (const [what, value] of [['resource name', req.name], ['namespace', req.namespace]] as const) {
    const problems = value === undefined ? [] : value === '' ? ['may not be empty'] : pathSegmentName(value);
    if (problems.length) throw badRequest(`invalid ${what} ${JSON.stringify(value)}: [${problems.join(', ')}]`);
  }
  if (req.name === undefined && (req.verb === 'update' || req.verb === 'patch')) throw methodNotAllowed();
  const verbs = def.verbs ?? DEFAULT_VERBS;
  const ctx: ResourceCtx = { ...input, registry, def, warnings: [] };
  if (def.group === 'metrics.k8s.io') return handleMetrics(ctx); // served from the MetricsStore, not D1
  if (def.group === 'authorization.k8s.io' || def.group === 'authentication.k8s.io') {
    if (req.verb !== 'create' || req.subresource) throw methodNotAllowed();
    return handleReview(ctx, authorizer);
  }
  if (def.conversion) return handleConverted(ctx); // served by conversion to its storage version
  if (req.subresource) return handleSubresource(ctx);
  if (!verbs.includes(req.verb)) throw methodNotAllowed();
  switch (req.verb) {
    case 'get':
      return handleGet(ctx);
    case 'list':
      return handleList(ctx);
    case 'watch':
      return handleWatch(ctx);
    case 'create':
      if (req.name !== undefined) throw methodNotAllowed();
      return handleCreate(ctx);
    case 'update':
      return handleUpdate(ctx);
    case 'patch':
      return handlePatch(ctx);
    case 'delete':
      return handleDelete(ctx);
    case 'deletecollection':
      return handleDeleteCollection(ctx);
  }
}
