import { describe, expect, it } from 'vitest';
import { nodeNameOf, pinnedField, podReferences } from './references';

describe('podReferences', () => {
  it('collects secrets, config maps, claims and the service account from every place a pod names them', () => {
    const refs = podReferences('web-0', {
      serviceAccountName: 'runner',
      imagePullSecrets: [{ name: 'pull' }],
      initContainers: [{ envFrom: [{ secretRef: { name: 'init-env' } }] }],
      containers: [{ env: [{ valueFrom: { secretKeyRef: { name: 'db' } } }, { valueFrom: { configMapKeyRef: { name: 'settings' } } }], envFrom: [{ configMapRef: { name: 'all' } }] }],
      volumes: [
        { name: 'a', secret: { secretName: 'tls' } },
        { name: 'b', configMap: { name: 'files' } },
        { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'd', projected: { sources: [{ secret: { name: 'proj-s' } }, { configMap: { name: 'proj-c' } }] } },
        { name: 'scratch', ephemeral: { volumeClaimTemplate: {} } },
      ],
    });
    expect([...refs.secrets].sort()).toEqual(['db', 'init-env', 'proj-s', 'pull', 'tls']);
    expect([...refs.configMaps].sort()).toEqual(['all', 'files', 'proj-c', 'settings']);
    expect([...refs.claims].sort()).toEqual(['data', 'web-0-scratch']);
    expect(refs.serviceAccount).toBe('runner');
  });
  it('uses the default service account when none is named', () => {
    expect(podReferences('p', {}).serviceAccount).toBe('default');
  });
});

describe('nodeNameOf', () => {
  it('recognises node identities only with the system:nodes group', () => {
    expect(nodeNameOf({ name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] })).toBe('n1');
    expect(nodeNameOf({ name: 'system:node:n1', groups: ['system:authenticated'] })).toBeUndefined();
    expect(nodeNameOf({ name: 'alice', groups: ['system:nodes'] })).toBeUndefined();
  });
});

describe('pinnedField', () => {
  it('reads = and == terms and ignores others', () => {
    expect(pinnedField('spec.nodeName=n1', 'spec.nodeName')).toBe('n1');
    expect(pinnedField('status.phase!=Failed,spec.nodeName==n2', 'spec.nodeName')).toBe('n2');
    expect(pinnedField('spec.nodeName!=n1', 'spec.nodeName')).toBeUndefined();
    expect(pinnedField(undefined, 'spec.nodeName')).toBeUndefined();
  });
});
