import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinResources } from '../resources';
import type { ResourceDef } from '../registry/types';
import { kobject } from '../schemas/meta';
import { clusterRoleDef, deploymentDef, namespaceDef, podDef, testDefs } from '../discovery/test-defs';
import { openApiDocument, openApiGroupVersion, openApiHash, openApiIndex, openApiIndexHashed, openApiKeys, PATCH_CONTENT_TYPES } from '.';
import type { OpenApiDocument } from './shell';
import { danglingRefs, operations, schemaNodes } from './walk.test-helpers';

const OPENAPI_SCHEMA_KEYS = new Set(['$ref', 'title', 'description', 'type', 'format', 'default', 'nullable', 'enum', 'example', 'deprecated', 'readOnly', 'writeOnly', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'properties', 'additionalProperties', 'items', 'allOf', 'oneOf', 'anyOf', 'not']);

function allDocs(defs: readonly ResourceDef<any>[]): [string, OpenApiDocument][] {
  return openApiKeys(defs).map((k) => [k, openApiDocument(defs, k)!]);
}

/** The structural promises kubectl relies on, checked for any defs list. */
function expectServable(defs: readonly ResourceDef<any>[]) {
  for (const [key, doc] of allDocs(defs)) {
    expect(doc, key).toBeDefined();
    expect(doc.openapi).toBe('3.0.0');
    expect(doc.info).toEqual({ title: 'Kubernetes', version: 'v1.32.0' });
    expect(danglingRefs(doc), key).toEqual([]);
    for (const { path, node } of schemaNodes(doc)) {
      const bad = Object.keys(node).filter((k) => !k.startsWith('x-') && !OPENAPI_SCHEMA_KEYS.has(k));
      expect(bad, `${key} ${path}`).toEqual([]);
      expect(node.additionalProperties, `${key} ${path}`).not.toBe(false);
      expect(Array.isArray(node.type), `${key} ${path}`).toBe(false);
      if (node.$ref) expect(Object.keys(node), `${key} ${path}: $ref has siblings`).toEqual(['$ref']);
    }
    for (const [path, method, op] of operations(doc)) {
      if (method !== 'patch' || !op['x-kubernetes-group-version-kind']) continue;
      // kubectl checks whichever matching PATCH it meets first, so every one must declare it.
      expect(op.parameters.some((p: any) => p.name === 'fieldValidation' && p.in === 'query'), `${key} ${path}`).toBe(true);
    }
  }
  for (const def of defs) {
    const doc = openApiGroupVersion(defs, def.group, def.version)!;
    const gvk = { group: def.group, kind: def.kind, version: def.version };
    const patches = operations(doc).filter(([, m, op]) => m === 'patch' && JSON.stringify(op['x-kubernetes-group-version-kind']) === JSON.stringify(gvk));
    if ((def.verbs ?? ['patch']).includes('patch')) expect(patches.length, def.kind).toBeGreaterThan(0);
    const kinds = Object.values(doc.components.schemas).filter((s) => (s['x-kubernetes-group-version-kind'] as unknown[] | undefined)?.some((g) => JSON.stringify(g) === JSON.stringify(gvk)));
    expect(kinds, `${def.kind} definition with its GVK`).toHaveLength(1);
    expect(kinds[0].type).toBe('object');
    expect(kinds[0].properties).toBeDefined();
  }
}

describe('group-version documents', () => {
  const apps = openApiGroupVersion(testDefs, 'apps', 'v1')!;
  const core = openApiGroupVersion(testDefs, '', 'v1')!;
  const deploymentPath = '/apis/apps/v1/namespaces/{namespace}/deployments/{name}';

  it('has collection, item, all-namespaces and subresource paths', () => {
    expect(Object.keys(apps.paths).sort()).toEqual([
      '/apis/apps/v1/',
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      deploymentPath,
      `${deploymentPath}/scale`,
      `${deploymentPath}/status`,
    ]);
    expect(Object.keys(apps.paths[deploymentPath]).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(Object.keys(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments']).sort()).toEqual(['delete', 'get', 'post']);
    expect(Object.keys(core.paths)).toContain('/api/v1/namespaces/{name}/finalize');
    expect(Object.keys(core.paths)).not.toContain('/api/v1/namespaces/{namespace}/namespaces');
  });

  it('declares the PATCH kubectl apply looks for', () => {
    const patch = apps.paths[deploymentPath].patch as any;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    const names = patch.parameters.map((p: any) => p.name);
    expect(names).toEqual(expect.arrayContaining(['name', 'namespace', 'pretty', 'dryRun', 'fieldManager', 'fieldValidation', 'force']));
    expect(Object.keys(patch.requestBody.content).sort()).toEqual(PATCH_CONTENT_TYPES);
    expect(patch.requestBody.content['application/merge-patch+json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' });
    expect(patch.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/io.k8s.api.apps.v1.Deployment' });
    const scalePatch = apps.paths[`${deploymentPath}/scale`].patch as any;
    expect(scalePatch['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
  });

  it('gives POST and PUT the write parameters and list GET the list parameters', () => {
    const post = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments'].post as any;
    expect(post['x-kubernetes-action']).toBe('post');
    expect(post.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['namespace', 'dryRun', 'fieldManager', 'fieldValidation']));
    expect(post.requestBody.content['*/*'].schema.$ref).toMatch(/Deployment$/);
    const list = apps.paths['/apis/apps/v1/deployments'].get as any;
    expect(list['x-kubernetes-action']).toBe('list');
    expect(list.operationId).toBe('listAppsV1DeploymentForAllNamespaces');
    expect(list.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['labelSelector', 'fieldSelector', 'watch', 'resourceVersion', 'limit']));
    expect(list.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.DeploymentList');
    const del = apps.paths[deploymentPath].delete as any;
    expect(del.requestBody.content['*/*'].schema.$ref).toMatch(/DeleteOptions$/);
  });

  it('includes kinds with their GVK, List kinds and the apimachinery types', () => {
    const s = apps.components.schemas;
    expect(s['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(s['io.k8s.api.apps.v1.Deployment'].description).toMatch(/^Deployment enables/);
    const list = s['io.k8s.api.apps.v1.DeploymentList'] as any;
    expect(list['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'DeploymentList', version: 'v1' }]);
    expect(list.properties.items.items.$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.Deployment');
    expect(list.properties.metadata.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta');
    for (const name of ['Status', 'DeleteOptions', 'Patch', 'WatchEvent', 'ObjectMeta', 'ListMeta', 'Time']) {
      expect(s[`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`], name).toBeDefined();
    }
    expect(s['io.k8s.api.autoscaling.v1.Scale']['x-kubernetes-group-version-kind']).toEqual([{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
    expect(core.components.schemas['io.k8s.api.policy.v1.Eviction']).toBeDefined();
    expect(core.components.schemas['io.k8s.api.core.v1.Binding']).toBeDefined();
  });

  it('emits each shared definition once, refs in components form, nested descriptions beside allOf', () => {
    const text = JSON.stringify(apps);
    expect(text).not.toContain('__repeat__');
    expect(text).not.toContain('#/definitions/');
    const meta = (apps.components.schemas['io.k8s.api.apps.v1.Deployment'] as any).properties.metadata;
    expect(meta).toEqual({ description: "Standard object's metadata.", allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }] });
    expect(apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    const owners = (apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] as any).properties.ownerReferences;
    expect(owners).toMatchObject({ 'x-kubernetes-patch-merge-key': 'uid', 'x-kubernetes-patch-strategy': 'merge', type: 'array' });
  });

  it('writes int-or-string and other scalar unions in OpenAPI 3.0 form', () => {
    const s = apps.components.schemas;
    const intOrString = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject(intOrString);
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).not.toHaveProperty('type');
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject(intOrString);
    const spec = s['io.k8s.api.apps.v1.DeploymentSpec'] as any;
    expect(spec.properties.paused).toEqual({ anyOf: [{ type: 'boolean' }, { type: 'string' }] });
    expect(spec.properties.replicas).toEqual({ type: 'integer', format: 'int32' });
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec).not.toHaveProperty('additionalProperties');
  });

  it('is cached per defs array and undefined where nothing is served', () => {
    expect(openApiGroupVersion(testDefs, 'apps', 'v1')).toBe(apps);
    expect(openApiGroupVersion(testDefs, 'apps', 'v9')).toBeUndefined();
    expect(openApiDocument(testDefs, 'apis/nope/v1')).toBeUndefined();
    expect(openApiDocument(testDefs, 'apis/nope')).toBeUndefined();
  });
});

describe('unusual ResourceDefs', () => {
  it('names a kind without .meta({ id }), scopes recursive helpers, and survives unconvertible schemas', () => {
    type Node = { name?: string; children?: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.strictObject({ name: z.string().optional(), children: z.array(node).optional() }));
    const widget: ResourceDef = { group: 'example.com', version: 'v1alpha1', kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true, schema: z.strictObject({ apiVersion: z.string().optional(), spec: node.optional() }) };
    const gadget: ResourceDef = { ...widget, kind: 'Gadget', plural: 'gadgets', singular: 'gadget', schema: z.strictObject({ tree: node.optional(), other: z.lazy(() => z.strictObject({ x: z.lazy(() => { throw new Error('boom'); }) })).optional() }) };
    const broken: ResourceDef = { ...widget, kind: 'Broken', plural: 'brokens', singular: 'broken', schema: z.lazy(() => { throw new Error('boom'); }) };
    const defs = [widget, gadget, broken];
    expectServable(defs);
    const doc = openApiGroupVersion(defs, 'example.com', 'v1alpha1')!;
    expect(doc.components.schemas['com.example.v1alpha1.Widget']['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.com', kind: 'Widget', version: 'v1alpha1' }]);
    expect(doc.components.schemas['com.example.v1alpha1.WidgetList']).toBeDefined();
    expect(doc.components.schemas['com.example.v1alpha1.Broken']).toMatchObject({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('serves a cluster-scoped kind with custom verbs', () => {
    const readOnly: ResourceDef = { ...clusterRoleDef, verbs: ['get', 'list', 'watch'] };
    const doc = openApiGroupVersion([readOnly], readOnly.group, 'v1')!;
    expect(Object.keys(doc.paths).sort()).toEqual(['/apis/rbac.authorization.k8s.io/v1/', '/apis/rbac.authorization.k8s.io/v1/clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}']);
    expect(operations(doc).map(([, m]) => m).sort()).toEqual(['get', 'get', 'get']);
    expect((doc.paths['/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}'].get as any).parameters.map((p: any) => p.name)).toEqual(['name', 'pretty']);
  });

  it('keeps all servable promises for the hand-made defs', () => {
    expectServable(testDefs);
    expectServable([podDef, namespaceDef, deploymentDef]);
  });
});

describe('the index', () => {
  it('lists every document with its hash', () => {
    const index = openApiIndex(testDefs, (key) => `H-${key}`);
    expect(Object.keys(index.paths).sort()).toEqual(['api', 'api/v1', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/apps/v1beta2', 'apis/rbac.authorization.k8s.io', 'apis/rbac.authorization.k8s.io/v1']);
    expect(index.paths['apis/apps/v1']).toEqual({ serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=H-apis/apps/v1' });
  });

  it('hashes documents stably and differently', async () => {
    const index = await openApiIndexHashed(testDefs);
    const url = index.paths['api/v1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{64}$/);
    expect(url.split('=')[1]).toBe(await openApiHash(openApiDocument(testDefs, 'api/v1')));
    expect(index.paths['apis/apps/v1'].serverRelativeURL.split('=')[1]).not.toBe(url.split('=')[1]);
    expect(await openApiHash({ a: 1 })).toBe(await openApiHash({ a: 1 }));
  });

  it('serves the root and group documents', () => {
    const api = openApiDocument(testDefs, 'api')!;
    expect(Object.keys(api.paths)).toEqual(['/api/']);
    const group = openApiDocument(testDefs, '/apis/apps/')!;
    expect((group.paths['/apis/apps/'].get as any).responses['200'].content['application/json'].schema.$ref).toMatch(/APIGroup$/);
    expect(openApiDocument([deploymentDef], 'api/v1')).toBeDefined();
  });
});

describe('the real builtin resources', () => {
  it('produce documents kubectl can use, whatever they contain', async () => {
    expectServable(builtinResources);
    const index = await openApiIndexHashed(builtinResources);
    expect(index.paths['api/v1']).toBeDefined();
  });

  it('wrap kobject schemas with the standard fields', () => {
    const def: ResourceDef = { group: 'example.com', version: 'v1', kind: 'Thing', plural: 'things', singular: 'thing', namespaced: false, schema: kobject('com.example.v1.Thing', 'A thing.', {}) };
    const doc = openApiGroupVersion([def], 'example.com', 'v1')!;
    expect(Object.keys((doc.components.schemas['com.example.v1.Thing'] as any).properties)).toEqual(['apiVersion', 'kind', 'metadata']);
  });
});
