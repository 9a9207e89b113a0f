// Reads and decodes request bodies: size limit, content type, JSON or YAML.
import { parse as parseYaml } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from '../../../kube/status';
import { scanJson } from './json-scan';
import { noteBodyParsedJson, noteBodyRead } from '../audit/record';
import { PROTOBUF_MEDIA_TYPE, decodeKubernetesProtobuf } from '../../../kube/protobuf';

const duplicates = new WeakMap<object, string[]>();

/** Keys that appeared twice in the request body (JSON.parse kept the last). */
export function duplicateFieldsOf(body: object): string[] {
  return duplicates.get(body) ?? [];
}

import { MAX_BODY_BYTES } from './limits';

export { MAX_BODY_BYTES };

/** Reads the body as text, refusing more than 3 MiB (413) without buffering past the limit. */
export async function readBodyText(req: Request): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req));
}

export async function readBodyBytes(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  noteBodyRead(req, all);
  return all;
}

export function mediaType(req: Request): string {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Decodes an object body (create/update): JSON, YAML or Kubernetes protobuf. */
export async function readObjectBody(req: Request): Promise<Record<string, unknown>> {
  const type = mediaType(req);
  // kubectl >= 1.31 sends typed creates (create namespace/configmap/..., auth can-i) as protobuf.
  if (type === PROTOBUF_MEDIA_TYPE) return decodeKubernetesProtobuf(await readBodyBytes(req)).object;
  if (type !== '' && type !== 'application/json' && type !== 'application/yaml' && type !== '*/*') throw unsupportedMediaType(type);
  const text = await readBodyText(req);
  const dups = type === 'application/yaml' ? [] : scanJson(text);
  const value = type === 'application/yaml' ? decodeYaml(text) : parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest("couldn't get version/kind; json parse error: the request body must be a JSON object");
  }
  if (dups.length) duplicates.set(value, dups);
  if (type !== 'application/yaml') noteBodyParsedJson(req, text);
  return value as Record<string, unknown>;
}

/** Parses a JSON body after checking its nesting depth. */
export function decodeJson(text: string): unknown {
  scanJson(text);
  return parseJson(text);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw badRequest("couldn't get version/kind; json parse error: unexpected end of JSON input");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

function decodeYaml(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}
