// Discovery (aggregated v2 when asked for, legacy otherwise), OpenAPI v3 and /version.
import { Hono } from 'hono';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from '../../../kube/discovery';
import { openApiDocument, openApiHash, openApiIndexHashed } from '../../../kube/openapi';
import { pathNotFound } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { currentRegistry } from '../registry/current';

export const discoveryRoutes = new Hono<AppEnv>();

const hashes = new WeakMap<object, Promise<string>>();
function hashOf(doc: object): Promise<string> {
  let h = hashes.get(doc);
  if (!h) hashes.set(doc, (h = openApiHash(doc)));
  return h;
}

const wantsAggregated = (accept: string | undefined) => !!accept && /as=APIGroupDiscoveryList/.test(accept) && /v=v2(;|,|$)/.test(accept);

function json(body: unknown, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': contentType } });
}

for (const root of ['api', 'apis'] as const) {
  discoveryRoutes.get(`/${root}`, async (c) => {
    const registry = await currentRegistry(c.var.db);
    if (wantsAggregated(c.req.header('accept'))) return json(aggregatedDiscovery(registry.defs, root), AGGREGATED_DISCOVERY_CONTENT_TYPE);
    if (root === 'api') return json(apiVersions(registry.defs, new URL(c.req.url).host));
    return json(apiGroupList(registry.defs));
  });
}

discoveryRoutes.get('/api/:version', async (c) => {
  const registry = await currentRegistry(c.var.db);
  const list = apiResourceList(registry.defs, '', c.req.param('version'));
  if (!list) throw pathNotFound();
  return json(list);
});

discoveryRoutes.get('/apis/:group', async (c) => {
  const registry = await currentRegistry(c.var.db);
  const g = apiGroup(registry.defs, c.req.param('group'));
  if (!g) throw pathNotFound();
  return json(g);
});

discoveryRoutes.get('/apis/:group/:version', async (c) => {
  const registry = await currentRegistry(c.var.db);
  const list = apiResourceList(registry.defs, c.req.param('group'), c.req.param('version'));
  if (!list) throw pathNotFound();
  return json(list);
});

discoveryRoutes.get('/openapi/v3', async (c) => {
  const registry = await currentRegistry(c.var.db);
  return json(await openApiIndexHashed(registry.defs));
});

discoveryRoutes.get('/openapi/v3/*', async (c) => {
  const registry = await currentRegistry(c.var.db);
  const key = new URL(c.req.url).pathname.slice('/openapi/v3/'.length);
  const doc = openApiDocument(registry.defs, key);
  if (!doc) throw pathNotFound();
  const etag = `"${await hashOf(doc)}"`;
  if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
  const cache = new URL(c.req.url).searchParams.has('hash') ? 'public, immutable' : 'no-cache, private';
  return new Response(JSON.stringify(doc), { headers: { 'Content-Type': 'application/json', ETag: etag, 'Cache-Control': cache } });
});
