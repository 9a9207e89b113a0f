import { describe, expect, it } from 'vitest';
import { rootCaAction, rootCaConfigMap } from '.';

const PEM = '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n';

describe('root CA publisher decisions', () => {
  it('creates a missing ConfigMap', () => expect(rootCaAction(null, PEM)).toBe('create'));
  it('leaves a current one alone', () => expect(rootCaAction(rootCaConfigMap(PEM), PEM)).toBe('none'));
  it('repairs edited data, extra keys and a lost annotation', () => {
    expect(rootCaAction(rootCaConfigMap('old'), PEM)).toBe('update');
    expect(rootCaAction({ ...rootCaConfigMap(PEM), data: { 'ca.crt': PEM, extra: 'x' } }, PEM)).toBe('update');
    expect(rootCaAction({ ...rootCaConfigMap(PEM), metadata: { name: 'kube-root-ca.crt' } }, PEM)).toBe('update');
  });
});
