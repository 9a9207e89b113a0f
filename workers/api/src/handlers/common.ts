// Helpers shared by the verb handlers.
import { apiVersionOf, type KObject, type ResourceDef } from '../../../kube/registry/types';
import { dryRunOf, optionsKindOf } from '../request/options';
import type { ResourceCtx } from '../context';
import { storageResource } from '../registry';
import { pokeChannel } from '../watch/poke';
import type { IndexColumns, ObjectKey, StoredRow } from '../store';
import { committedJson } from '../store/committed-json';

export function keyOf(def: ResourceDef, namespace: string | undefined, name: string): ObjectKey {
  return { resource: storageResource(def), namespace: def.namespaced ? namespace ?? '' : '', name };
}

export function parseRow(row: StoredRow): KObject {
  return JSON.parse(row.json) as KObject;
}

export function indexColumns(def: ResourceDef, obj: KObject): IndexColumns {
  const fields = def.fields ? def.fields(obj) : {};
  return {
    labels: obj.metadata.labels ?? {},
    fields,
    nodeName: fields['spec.nodeName'] || null,
  };
}

/** Tells the resource's watch channel that a revision was committed; a lost poke is caught by its poll. */
export function pokeWatchers(ctx: ResourceCtx, rev: number) {
  ctx.exec.waitUntil(pokeChannel(ctx.env, storageResource(ctx.def), rev));
}

/** dryRun=All: validate and answer with what would be stored, store nothing. */
export function isDryRun(ctx: Pick<ResourceCtx, 'query' | 'req'>): boolean {
  return dryRunOf(ctx.query, optionsKindOf(ctx.req.verb));
}

/** RFC 3339 with second precision, as metav1.Time serializes. */
export function nowTimestamp(now = Date.now()): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
export function generatedName(prefix: string): string {
  let s = '';
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  for (const b of bytes) s += NAME_CHARS[b % NAME_CHARS.length];
  return prefix.slice(0, 58) + s;
}

export function withTypeMeta(def: ResourceDef, obj: KObject): KObject {
  return { apiVersion: apiVersionOf(def), kind: def.kind, ...obj, metadata: obj.metadata } as KObject;
}

export function jsonResponse(ctx: Pick<ResourceCtx, 'warnings'>, status: number, body: unknown): Response {
  return rawJsonResponse(ctx, status, typeof body === 'string' ? body : (committedJson(body) ?? JSON.stringify(body)));
}

export function rawJsonResponse(ctx: Pick<ResourceCtx, 'warnings'>, status: number, json: string | ReadableStream<Uint8Array>, contentType = 'application/json'): Response {
  const headers = new Headers({ 'Content-Type': contentType });
  for (const w of ctx.warnings) headers.append('Warning', `299 - ${JSON.stringify(w)}`);
  return new Response(json, { status, headers });
}

/** The spec-like part of an object: everything but apiVersion, kind, metadata and status. */
export function specOf(obj: KObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest } = obj;
  return rest;
}
