// The attributes a resource request is authorized with, as upstream's RequestInfoFactory derives them:
// a list or watch whose field selector pins metadata.name is authorized for that name, so a rule limited
// by resourceNames allows `kubectl get cm x -w` (and the denial names the object).
import { pinnedField } from '../../../kube/nodeauth/references';
import { pathSegmentName } from '../../../kube/validation/names';
import type { ResourceRequest } from '../request/info';
import type { RequestAttributes } from './authorizer';
import type { UserInfo } from './user';

export function requestAttributes(user: UserInfo, req: ResourceRequest, query: URLSearchParams): RequestAttributes {
  const fieldSelector = query.get('fieldSelector') ?? undefined;
  let name = req.name;
  if (name === undefined && (req.verb === 'list' || req.verb === 'watch')) {
    const pinned = pinnedField(fieldSelector, 'metadata.name');
    // Upstream takes the name only when it could be a path segment.
    if (pinned && pathSegmentName(pinned).length === 0) name = pinned;
  }
  return {
    user,
    verb: req.verb,
    group: req.group,
    version: req.version,
    resource: req.resource,
    subresource: req.subresource,
    namespace: req.namespace,
    name,
    fieldSelector,
  };
}
