import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import { getPodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { node, pod } from '../../framework/testing';
import type { Pod } from '../../framework/types';
import { ERR_NO_VOLUME, ERR_NODE_CONFLICT, ERR_UNBOUND_IMMEDIATE, New } from '.';
import type { Claim, StorageClass, Volume } from './types';

const claim = (name: string, spec: Claim['spec']): Claim => ({ metadata: { name, namespace: 'default', uid: `u-${name}` }, spec });
const pinned = (name: string, nodeName: string, extra: Partial<NonNullable<Volume['spec']>> = {}): Volume => ({
  metadata: { name },
  spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName] }] }] } }, ...extra },
});
const CLASSES: StorageClass[] = [
  { metadata: { name: 'local-path' }, provisioner: 'kubeflare.dev/local-path', volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'local-static' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' },
  { metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Immediate' },
];

/** Filter verdicts per node for a pod using `claimNames`, with the given claims and volumes. */
function verdicts(claimNames: string[], claims: Claim[], volumes: Volume[]): Record<string, string> {
  const snap = new Snapshot([node('n1').obj, node('n2').obj]);
  snap.volumes = {
    claim: (ns, n) => claims.find((c) => c.metadata.namespace === ns && c.metadata.name === n),
    volume: (n) => volumes.find((v) => v.metadata.name === n),
    storageClass: (n) => CLASSES.find((c) => c.metadata.name === n),
    volumes: () => volumes,
  };
  const p = pod('p').obj as Pod;
  (p.spec as { volumes?: unknown[] }).volumes = claimNames.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } }));
  const cycle: Cycle = { pod: p, podInfo: getPodInfo(p), state: new CycleState(), snapshot: snap };
  const plugin = New();
  const pre = plugin.preFilter(cycle, snap.nodes);
  if (pre.status.isRejected()) return { n1: `prefilter: ${pre.status.message()}`, n2: `prefilter: ${pre.status.message()}` };
  if (pre.status.isSkip()) return { n1: '', n2: '' };
  const out: Record<string, string> = {};
  for (const ni of snap.nodes) out[ni.name] = plugin.filter(cycle, ni).message();
  return out;
}

describe('VolumeBinding', () => {
  it('a pod without claims fits anywhere', () => {
    expect(verdicts([], [], [])).toEqual({ n1: '', n2: '' });
  });
  it('a missing claim rejects the pod everywhere', () => {
    expect(verdicts(['gone'], [], []).n1).toBe('prefilter: persistentvolumeclaim "gone" not found');
  });
  it('a claim bound to a node-pinned volume allows only that node', () => {
    const c = claim('data', { volumeName: 'pv1' });
    expect(verdicts(['data'], [c], [pinned('pv1', 'n2')])).toEqual({ n1: ERR_NODE_CONFLICT, n2: '' });
  });
  it('an unbound claim of an Immediate class waits for its binding', () => {
    expect(verdicts(['data'], [claim('data', { storageClassName: 'fast' })], []).n1).toBe(`prefilter: ${ERR_UNBOUND_IMMEDIATE}`);
  });
  it('an unbound WaitForFirstConsumer claim with a provisioner fits anywhere', () => {
    expect(verdicts(['data'], [claim('data', { storageClassName: 'local-path' })], [])).toEqual({ n1: '', n2: '' });
  });
  it('an unbound WaitForFirstConsumer claim without a provisioner fits where a free volume can be reached', () => {
    const c = claim('data', { storageClassName: 'local-static' });
    const free = pinned('pv-n1', 'n1', { storageClassName: 'local-static' });
    const taken = pinned('pv-n2', 'n2', { storageClassName: 'local-static', claimRef: { namespace: 'default', name: 'other' } });
    expect(verdicts(['data'], [c], [free, taken])).toEqual({ n1: '', n2: ERR_NO_VOLUME });
  });
});
