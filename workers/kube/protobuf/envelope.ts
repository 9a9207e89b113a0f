// The Kubernetes protobuf envelope: "k8s\0" + runtime.Unknown{1 TypeMeta{1 apiVersion, 2 kind}, 2 raw,
// 3 contentEncoding, 4 contentType}. Decodes the raw object into the JSON the JSON path would receive.
import { StatusError } from '../status';
import { MessageDecoder, setOwn, type JsonObject } from './decode';
import { KINDS, REGISTRY } from './descriptors';
import { utf8String } from './values';
import { malformed, Reader, WireType } from './wire';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];
const decoder = new MessageDecoder(REGISTRY);

export interface DecodedProtobuf {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

function readString(r: Reader, wt: number, what: string): string {
  if (wt !== WireType.LEN) throw malformed(`wrong wire type ${wt} for ${what}`);
  return utf8String(r.bytes());
}

function readUnknown(bytes: Uint8Array): Unknown {
  const u: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '' };
  const r = new Reader(bytes, MAGIC.length);
  while (!r.done()) {
    const [num, wt] = r.tag();
    if (num === 1) {
      if (wt !== WireType.LEN) throw malformed(`wrong wire type ${wt} for Unknown.typeMeta`);
      const t = new Reader(r.bytes());
      while (!t.done()) {
        const [tn, twt] = t.tag();
        if (tn === 1) u.apiVersion = readString(t, twt, 'TypeMeta.apiVersion');
        else if (tn === 2) u.kind = readString(t, twt, 'TypeMeta.kind');
        else t.skip(twt, 1, tn);
      }
    } else if (num === 2) {
      if (wt !== WireType.LEN) throw malformed(`wrong wire type ${wt} for Unknown.raw`);
      u.raw = r.bytes();
    } else if (num === 3) u.contentEncoding = readString(r, wt, 'Unknown.contentEncoding');
    else r.skip(wt, 0, num); // 4 contentType and anything newer: not needed
  }
  return u;
}

/** Message type for an apiVersion/kind pair, or undefined when protobuf bodies of that kind are not decoded. */
export function protobufTypeFor(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`;
  return Object.prototype.hasOwnProperty.call(KINDS, key) ? KINDS[key] : undefined;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` request body. Malformed bytes: 400 BadRequest; a kind
 * without a descriptor (or a compressed body): 415 UnsupportedMediaType, so the caller can surface it as is.
 */
export function decodeKubernetesProtobuf(bytes: Uint8Array): DecodedProtobuf {
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw malformed('missing the "k8s\\0" protobuf envelope prefix');
  }
  const u = readUnknown(bytes);
  if (!u.kind) throw malformed('the envelope does not name the object kind');
  if (!u.apiVersion) throw malformed('the envelope does not name the object apiVersion');
  if (u.contentEncoding) {
    throw new StatusError(415, 'UnsupportedMediaType', `protobuf content encoding "${u.contentEncoding}" is not supported`);
  }
  const type = protobufTypeFor(u.apiVersion, u.kind);
  if (!type) {
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `this server cannot decode ${u.kind} (${u.apiVersion}) from ${PROTOBUF_MEDIA_TYPE}; send the object as application/json`,
    );
  }
  const decoded = decoder.decode(u.raw, type);
  const object: JsonObject = { apiVersion: u.apiVersion, kind: u.kind };
  for (const [k, v] of Object.entries(decoded)) setOwn(object, k, v);
  return { apiVersion: u.apiVersion, kind: u.kind, object };
}
