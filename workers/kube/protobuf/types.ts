// Message descriptors as plain data: one table per protobuf message, keyed by upstream field number
// (k8s.io/api/*/generated.proto), giving the JSON name and how to turn the wire value into JSON.

/** How a field's wire value becomes JSON. The special kinds are apimachinery wrapper messages. */
export type FieldKind =
  | 'string'
  | 'bytes' // base64 string, as Go's encoding/json writes []byte
  | 'int32'
  | 'int64'
  | 'bool'
  | 'double'
  | 'message' // nested message named by `type`
  | 'map' // map<string, value>: entries {1 key, 2 value}
  | 'intOrString' // util/intstr.IntOrString {1 type, 2 intVal, 3 strVal}
  | 'quantity' // api/resource.Quantity {1 string}
  | 'time' // meta.Time {1 seconds, 2 nanos} -> RFC3339 (seconds precision)
  | 'microTime' // meta.MicroTime -> RFC3339 with 6 fraction digits
  | 'rawExtension' // runtime.RawExtension {1 raw bytes} -> parsed JSON
  | 'fieldsV1' // meta.FieldsV1 {1 Raw bytes} -> parsed JSON
  | 'unsupported'; // a message we deliberately do not decode: rejected with 415 rather than dropped

/** Value kinds allowed in map<string, V>. 'strings' is a message {1 repeated string} (authz ExtraValue) -> JSON array. */
export type MapValueKind = 'string' | 'bytes' | 'quantity' | 'time' | 'strings' | 'message';

export interface FieldDesc {
  readonly name: string; // JSON name ('' for inline)
  readonly kind: FieldKind;
  readonly repeated?: boolean;
  readonly type?: string; // message type name, for kind 'message' (and map values of kind 'message')
  readonly value?: MapValueKind; // for kind 'map'
  /** Go embedded struct (e.g. LocalObjectReference in ConfigMapKeySelector): its fields land in the parent JSON object. */
  readonly inline?: boolean;
  /**
   * Emit the zero value when present on the wire. True for Go pointer fields (set means set, even to 0/false/"")
   * and for fields whose json tag lacks omitempty. Otherwise zero scalars are omitted, as Go's encoder would.
   */
  readonly zero?: boolean;
}

export type MessageDesc = Readonly<Record<number, FieldDesc>>;
export type Registry = Readonly<Record<string, MessageDesc>>;

/** Pass as the `zero` argument: pointer field or json tag without omitempty. */
export const Z = true;

const f = (name: string, kind: FieldKind, extra: Partial<FieldDesc> = {}): FieldDesc => ({ name, kind, ...extra });

export const str = (name: string, zero = false) => f(name, 'string', zero ? { zero } : {});
export const strs = (name: string) => f(name, 'string', { repeated: true });
export const i32 = (name: string, zero = false) => f(name, 'int32', zero ? { zero } : {});
export const i32s = (name: string) => f(name, 'int32', { repeated: true });
export const i64 = (name: string, zero = false) => f(name, 'int64', zero ? { zero } : {});
export const i64s = (name: string) => f(name, 'int64', { repeated: true });
export const bool = (name: string, zero = false) => f(name, 'bool', zero ? { zero } : {});
export const msg = (name: string, type: string) => f(name, 'message', { type });
export const msgs = (name: string, type: string) => f(name, 'message', { type, repeated: true });
export const inline = (type: string) => f('', 'message', { type, inline: true });
export const map = (name: string, value: MapValueKind, type?: string) => f(name, 'map', type ? { value, type } : { value });
export const ios = (name: string) => f(name, 'intOrString');
export const qty = (name: string) => f(name, 'quantity');
export const time = (name: string) => f(name, 'time');
export const microTime = (name: string) => f(name, 'microTime');
export const unsupported = (name: string) => f(name, 'unsupported');
export const meta = msg('metadata', 'meta.ObjectMeta');
