import { describe, it, expect } from 'vitest';
import { configMapResource as def, type ConfigMap } from './configmap';
import { create, update, reasons } from './test-helpers';

describe('ConfigMap', () => {
  it('accepts data and binaryData', () => {
    const { errs } = create(def, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.yaml': 'a: 1' }, binaryData: { logo: 'AAEC' } });
    expect(errs.causes).toEqual([]);
  });

  it('rejects bad and duplicate keys', () => {
    const { errs } = create(def, { metadata: { name: 'cfg' }, data: { 'a b': 'x', k: 'v' }, binaryData: { k: 'AA==' } });
    expect(reasons(errs)).toEqual({ 'data[a b]': 'FieldValueInvalid', data: 'FieldValueInvalid' });
  });

  it('freezes immutable config maps', () => {
    const old = create(def, { metadata: { name: 'cfg' }, immutable: true, data: { a: '1' } }).obj;
    const next = { ...structuredClone(old), data: { a: '2' } } as ConfigMap;
    expect(reasons(update(def, old, next))).toEqual({ data: 'FieldValueForbidden' });
    const unfreeze = { ...structuredClone(old), immutable: false } as ConfigMap;
    expect(reasons(update(def, old, unfreeze))).toEqual({ immutable: 'FieldValueForbidden' });
  });
});
