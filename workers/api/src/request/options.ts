// Query options of writes and lists (CreateOptions, UpdateOptions, PatchOptions, DeleteOptions,
// ListOptions), rejected as upstream does: 422 Invalid naming the options kind and the field.
import { invalid } from '../../../kube/status';
import { FieldErrors } from '../../../kube/validation/field-errors';
import type { Verb } from './info';

export type OptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions' | 'ListOptions';
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function optionsKindOf(verb: Verb): OptionsKind {
  switch (verb) {
    case 'create':
      return 'CreateOptions';
    case 'update':
      return 'UpdateOptions';
    case 'patch':
      return 'PatchOptions';
    case 'delete':
    case 'deletecollection':
      return 'DeleteOptions';
    default:
      return 'ListOptions';
  }
}

function fail(kind: OptionsKind, build: (errs: FieldErrors) => void): never {
  const errs = new FieldErrors();
  build(errs);
  throw invalid(kind, 'meta.k8s.io', '', errs.causes);
}

export function dryRunOf(q: URLSearchParams, kind: OptionsKind): boolean {
  const all = q.getAll('dryRun');
  for (const v of all) if (v !== 'All') fail(kind, (e) => e.notSupported('dryRun', v, ['All']));
  return all.length > 0;
}

export function fieldValidationOf(q: URLSearchParams, kind: OptionsKind): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  return fail(kind, (e) => e.notSupported('fieldValidation', v, ['Ignore', 'Strict', 'Warn']));
}

/** fieldManager: at most 128 printable characters, as upstream's ValidateFieldManager. */
export function checkFieldManager(q: URLSearchParams, kind: OptionsKind): void {
  const v = q.get('fieldManager');
  if (v === null) return;
  if (v.length > 128) fail(kind, (e) => e.tooLong('fieldManager', 128));
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) fail(kind, (e) => e.invalid('fieldManager', v, 'must be made of printable characters'));
}

export function propagationPolicyOf(v: string | undefined): void {
  if (v !== undefined && !['Orphan', 'Background', 'Foreground'].includes(v)) {
    fail('DeleteOptions', (e) => e.notSupported('propagationPolicy', v, ['Foreground', 'Background', 'Orphan']));
  }
}

export function listOptionsInvalid(field: string, detail: string): never {
  return fail('ListOptions', (e) => e.forbidden(field, detail));
}

export function listOptionsNotSupported(field: string, value: string, supported: string[]): never {
  return fail('ListOptions', (e) => e.notSupported(field, value, supported));
}
