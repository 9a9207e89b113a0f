import { describe, expect, it } from 'vitest';
import { cleanupTarget, helperPod, helperState } from './cleanup';
import { provisionedVolume } from './provision';
import { type Claim, type StorageClass, type Volume, LOCAL_PATH_PROVISIONER, SELECTED_NODE } from './types';

const cls: StorageClass = { metadata: { name: 'local-path' }, provisioner: LOCAL_PATH_PROVISIONER, parameters: { path: '/srv/lp' } };
const claim = (node?: string): Claim => ({ metadata: { name: 'data', namespace: 'ns', uid: 'u1', annotations: node ? { [SELECTED_NODE]: node } : {} }, spec: {} });
const provisioned = (node?: string): Volume => ({ ...provisionedVolume(claim(node), cls), metadata: { ...provisionedVolume(claim(node), cls).metadata, uid: 'v1' } });

describe('local-path cleanup', () => {
  it('targets the directory the provisioner made, on the node the volume is pinned to', () => {
    expect(cleanupTarget(provisioned('n1'))).toEqual({ node: 'n1', parent: '/srv/lp', dir: 'pvc-u1_ns_data' });
  });
  it('leaves volumes it did not provision, or never placed, alone', () => {
    const v = provisioned('n1');
    expect(cleanupTarget({ ...v, metadata: { ...v.metadata, annotations: {} } })).toBeUndefined();
    expect(cleanupTarget(provisioned())).toBeUndefined();
  });
  it('refuses a hostPath that is not the volume’s own directory', () => {
    const v = provisioned('n1');
    for (const path of ['/etc', '/', '/srv/lp/other', '/srv/lp/pvc-u1_../..', 'relative/pvc-u1_x']) {
      expect(cleanupTarget({ ...v, spec: { ...v.spec, hostPath: { path } } }), path).toBeUndefined();
    }
  });
  it('builds a helper pod pinned to the node that removes only that directory', () => {
    const v = provisioned('n1');
    const p = helperPod(v, cleanupTarget(v)!, 'img:1');
    expect(p.metadata).toMatchObject({ name: 'helper-pod-delete-pvc-u1', namespace: 'kube-system' });
    expect(p.spec).toMatchObject({ nodeName: 'n1', restartPolicy: 'Never', volumes: [{ hostPath: { path: '/srv/lp' } }] });
    expect(p.spec.containers[0]).toMatchObject({ image: 'img:1', command: ['rm', '-rf', '/data/pvc-u1_ns_data'], volumeMounts: [{ mountPath: '/data' }] });
  });
  it('reads the helper’s progress from its phase', () => {
    expect(helperState(null)).toBe('missing');
    expect(helperState({ status: { phase: 'Pending' } })).toBe('running');
    expect(helperState({ status: { phase: 'Succeeded' } })).toBe('succeeded');
    expect(helperState({ status: { phase: 'Failed' } })).toBe('failed');
  });
});
