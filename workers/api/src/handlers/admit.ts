// The write pipeline before storage: decode against the schema, check type and identity against the
// URL, default, validate (DESIGN.md invariant 5: bad input never reaches storage).
import { dropNulls } from '../../../kube/json';
import { apiVersionOf, type KObject } from '../../../kube/registry/types';
import { badRequest, invalid, type StatusCause } from '../../../kube/status';
import { FieldErrors } from '../../../kube/validation/field-errors';
import type { ResourceCtx } from '../context';
import { decodeObject } from '../objects/decode';
import { duplicateFieldsOf } from '../request/body';
import { checkFieldManager, fieldValidationOf, optionsKindOf } from '../request/options';
import { validateObjectMeta, validateObjectMetaUpdate } from '../objects/metadata';

export interface Incoming {
  obj: KObject;
  required: StatusCause[];
}

/** Decodes a request object and checks apiVersion, kind, namespace and (when given) name against the URL. */
export function decodeIncoming(ctx: ResourceCtx, input: Record<string, unknown>, urlName?: string): Incoming {
  const { def, req } = ctx;
  const cleaned = dropNulls(input) as Record<string, unknown>;
  const want = apiVersionOf(def);
  if (cleaned.apiVersion !== undefined && cleaned.apiVersion !== want) {
    throw badRequest(`the API version in the data (${String(cleaned.apiVersion)}) does not match the expected API version (${want})`);
  }
  if (cleaned.kind !== undefined && cleaned.kind !== def.kind) {
    throw badRequest(`the kind in the data (${String(cleaned.kind)}) does not match the expected kind (${def.kind})`);
  }
  const kind = optionsKindOf(req.verb);
  checkFieldManager(ctx.query, kind);
  const mode = fieldValidationOf(ctx.query, kind);
  const dups = duplicateFieldsOf(input);
  if (dups.length && mode === 'Strict') {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${dups.map((d) => `json: duplicate field "${d}"`).join(', ')}`);
  }
  if (mode === 'Warn') ctx.warnings.push(...dups.map((d) => `duplicate field "${d}"`));
  const decoded = decodeObject(def, cleaned, mode);
  ctx.warnings.push(...decoded.warnings);
  const obj = decoded.obj as KObject;
  obj.apiVersion = want;
  obj.kind = def.kind;
  obj.metadata = { ...(obj.metadata ?? {}) };
  const m = obj.metadata;
  if (def.namespaced) {
    if (m.namespace === undefined || m.namespace === '') m.namespace = req.namespace;
    else if (req.namespace !== undefined && m.namespace !== req.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  } else {
    // Upstream clears a namespace sent for a cluster-scoped kind.
    delete m.namespace;
  }
  if (urlName !== undefined) {
    if (m.name === undefined || m.name === '') m.name = urlName;
    else if (m.name !== urlName) throw badRequest(`the name of the object (${m.name}) does not match the name on the URL (${urlName})`);
  }
  return { obj, required: decoded.required };
}

/** Defaults and validates a new object; throws 422 Invalid with all causes. */
export function validateNew(ctx: ResourceCtx, obj: KObject, required: StatusCause[]) {
  const { def } = ctx;
  def.defaults?.(obj);
  const errs = new FieldErrors();
  errs.add(...required);
  validateObjectMeta(def, obj, errs);
  if (errs.empty) def.validate?.(obj, errs);
  throwIfInvalid(ctx, obj, errs);
}

/** Defaults and validates an updated object against its previous version. */
export function validateChanged(ctx: ResourceCtx, obj: KObject, old: KObject, required: StatusCause[], systemWrite = false) {
  const { def } = ctx;
  def.defaults?.(obj);
  const errs = new FieldErrors();
  errs.add(...required);
  validateObjectMeta(def, obj, errs);
  validateObjectMetaUpdate(obj, old, errs);
  if (errs.empty) {
    def.validate?.(obj, errs);
    if (!systemWrite) def.validateUpdate?.(obj, old, errs);
  }
  throwIfInvalid(ctx, obj, errs);
}

function throwIfInvalid(ctx: ResourceCtx, obj: KObject, errs: FieldErrors) {
  if (!errs.empty) throw invalid(ctx.def.kind, ctx.def.group, obj.metadata.name ?? obj.metadata.generateName ?? '', errs.causes);
}
