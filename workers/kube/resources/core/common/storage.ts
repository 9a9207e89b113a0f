// Checks shared by PersistentVolumes and PersistentVolumeClaims.
import { FieldErrors } from '../../../validation/field-errors';
import { enumValue } from './checks';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
export const VOLUME_MODES = ['Block', 'Filesystem'] as const;

export function validateAccessModes(modes: string[] | undefined, field: string, errs: FieldErrors) {
  if (!modes || modes.length === 0) {
    errs.required(field, 'at least 1 access mode is required');
    return;
  }
  modes.forEach((m, i) => enumValue(errs, `${field}[${i}]`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1)
    errs.forbidden(field, 'may not use ReadWriteOncePod with other access modes');
}
