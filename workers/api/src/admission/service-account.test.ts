import { describe, expect, it } from 'vitest';
import { applyServiceAccount, randomSuffix, shouldAutomount, tokenVolumeSource, TOKEN_MOUNT_PATH } from './service-account';

const pod = (extra: Record<string, unknown> = {}) => ({ containers: [{ name: 'a' }, { name: 'b', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], initContainers: [{ name: 'init' }], ...extra }) as any;
const mount = (name: string) => ({ name, readOnly: true, mountPath: TOKEN_MOUNT_PATH });

describe('ServiceAccount admission mutation', () => {
  it('adds kube-api-access-<5> to every container and init container', () => {
    const spec = pod();
    applyServiceAccount(spec, { metadata: { name: 'default' } }, 'x7k2q');
    expect(spec.volumes).toEqual([{ name: 'kube-api-access-x7k2q', projected: tokenVolumeSource() }]);
    expect(spec.containers[0].volumeMounts).toEqual([mount('kube-api-access-x7k2q')]);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }, mount('kube-api-access-x7k2q')]);
    expect(spec.initContainers[0].volumeMounts).toEqual([mount('kube-api-access-x7k2q')]);
    expect(tokenVolumeSource().sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
  });
  it('leaves containers that already mount the path, and reuses an existing kube-api-access volume', () => {
    const spec = pod({ volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [] } }] });
    spec.containers[0].volumeMounts = [{ name: 'mine', mountPath: TOKEN_MOUNT_PATH }];
    applyServiceAccount(spec, { metadata: { name: 'default' } }, 'zzzzz');
    expect(spec.volumes).toHaveLength(1);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'mine', mountPath: TOKEN_MOUNT_PATH }]);
    expect(spec.containers[1].volumeMounts[1]).toEqual(mount('kube-api-access-abcde'));
  });
  it('honours automountServiceAccountToken: the pod first, then the account', () => {
    expect(shouldAutomount({ metadata: {} }, {})).toBe(true);
    expect(shouldAutomount({ metadata: {}, automountServiceAccountToken: false }, {})).toBe(false);
    expect(shouldAutomount({ metadata: {}, automountServiceAccountToken: false }, { automountServiceAccountToken: true })).toBe(true);
    expect(shouldAutomount({ metadata: {} }, { automountServiceAccountToken: false })).toBe(false);
    const spec = pod({ automountServiceAccountToken: false });
    applyServiceAccount(spec, { metadata: {} });
    expect(spec.volumes).toBeUndefined();
    expect(spec.containers[0].volumeMounts).toBeUndefined();
  });
  it('copies the account’s imagePullSecrets to a pod that has none', () => {
    const spec = pod();
    applyServiceAccount(spec, { metadata: {}, imagePullSecrets: [{ name: 'reg' }] });
    expect(spec.imagePullSecrets).toEqual([{ name: 'reg' }]);
    const own = pod({ imagePullSecrets: [{ name: 'mine' }] });
    applyServiceAccount(own, { metadata: {}, imagePullSecrets: [{ name: 'reg' }] });
    expect(own.imagePullSecrets).toEqual([{ name: 'mine' }]);
  });
  it('random suffixes use upstream’s alphabet', () => {
    for (let i = 0; i < 20; i++) expect(randomSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
