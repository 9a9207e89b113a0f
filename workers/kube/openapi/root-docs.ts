// The small documents for the discovery endpoints themselves: /api/ (APIVersions), /apis/ (APIGroupList)
// and /apis/<group>/ (APIGroup). kubectl lists them in the index but reads only group-version documents.
import { META, ref, typeMeta } from './meta-schemas';
import type { JsonSchema } from './sanitize';
import { documentShell, type OpenApiDocument } from './shell';

const GVFD = `${META}GroupVersionForDiscovery`;
const CIDR = `${META}ServerAddressByClientCIDR`;
const s = (description: string): JsonSchema => ({ type: 'string', description });
const arrayOf = (name: string, description: string): JsonSchema => ({ type: 'array', items: ref(name), description });

const SCHEMAS: Record<string, JsonSchema> = {
  [`${META}APIVersions`]: {
    description: 'APIVersions lists the versions that are available, to allow clients to discover the API at /api.',
    type: 'object',
    properties: { ...typeMeta(), serverAddressByClientCIDRs: arrayOf(CIDR, 'Where clients matching a CIDR should reach this server.'), versions: { type: 'array', items: { type: 'string' }, description: 'The API versions available.' } },
    required: ['versions', 'serverAddressByClientCIDRs'],
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'APIVersions', version: 'v1' }],
  },
  [`${META}APIGroupList`]: {
    description: 'APIGroupList is a list of APIGroup, to allow clients to discover the API at /apis.',
    type: 'object',
    properties: { ...typeMeta(), groups: arrayOf(`${META}APIGroup`, 'The groups available at /apis.') },
    required: ['groups'],
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'APIGroupList', version: 'v1' }],
  },
  [`${META}APIGroup`]: {
    description: 'APIGroup contains the name, the supported versions, and the preferred version of a group.',
    type: 'object',
    properties: {
      ...typeMeta(),
      name: s('The name of the group.'),
      preferredVersion: { description: 'The version preferred by the API server.', allOf: [ref(GVFD)] },
      serverAddressByClientCIDRs: arrayOf(CIDR, 'Where clients matching a CIDR should reach this server.'),
      versions: arrayOf(GVFD, 'The versions supported in this group.'),
    },
    required: ['name', 'versions'],
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'APIGroup', version: 'v1' }],
  },
  [GVFD]: {
    description: 'A group/version string and its version.',
    type: 'object',
    properties: { groupVersion: s('"group/version".'), version: s('"version".') },
    required: ['groupVersion', 'version'],
  },
  [CIDR]: {
    description: 'The server address to use for clients matching a CIDR.',
    type: 'object',
    properties: { clientCIDR: s('The CIDR clients match their IP against.'), serverAddress: s('host, host:port, IP or IP:port.') },
    required: ['clientCIDR', 'serverAddress'],
  },
};

function pick(...names: string[]): Record<string, JsonSchema> {
  return Object.fromEntries(names.map((n) => [n, SCHEMAS[n]]));
}

function getDoc(path: string, operationId: string, description: string, tag: string, schemaName: string, schemas: Record<string, JsonSchema>): OpenApiDocument {
  const content = Object.fromEntries(['application/json', 'application/yaml'].map((t) => [t, { schema: ref(schemaName) }]));
  return documentShell({ [path]: { get: { description, operationId, tags: [tag], responses: { '200': { description: 'OK', content }, '401': { description: 'Unauthorized' } } } } }, schemas);
}

/** /openapi/v3/api: GET /api/. */
export function coreRootDocument(): OpenApiDocument {
  return getDoc('/api/', 'getCoreAPIVersions', 'get available API versions', 'core', `${META}APIVersions`, pick(`${META}APIVersions`, CIDR));
}

/** /openapi/v3/apis: GET /apis/. */
export function apisRootDocument(): OpenApiDocument {
  return getDoc('/apis/', 'getAPIVersions', 'get available API versions', 'apis', `${META}APIGroupList`, pick(`${META}APIGroupList`, `${META}APIGroup`, GVFD, CIDR));
}

/** /openapi/v3/apis/<group>: GET /apis/<group>/. */
export function groupDocument(group: string, operationWord: string): OpenApiDocument {
  return getDoc(`/apis/${group}/`, `get${operationWord}APIGroup`, 'get information of a group', group, `${META}APIGroup`, pick(`${META}APIGroup`, GVFD, CIDR));
}
