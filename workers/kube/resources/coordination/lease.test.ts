import { describe, it, expect } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { lease } from './lease';

const nodeLease = () => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'node-1', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-02T15:04:05.123456Z', acquireTime: '2026-01-02T15:00:00.000000Z', leaseTransitions: 0 },
});

describe('Lease', () => {
  it('accepts a node heartbeat lease', () => {
    const r = admit(lease, nodeLease());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect(lease.generation).toBe('none');
  });

  it('accepts a coordinated leader election lease', () => {
    const m: any = nodeLease();
    m.spec.strategy = 'OldestEmulationVersion';
    m.spec.preferredHolder = 'kcm-2';
    expect(admit(lease, m).causes).toEqual([]);
  });

  it('checks durations, transitions and strategy', () => {
    const m: any = nodeLease();
    m.spec.leaseDurationSeconds = 0;
    m.spec.leaseTransitions = -1;
    m.spec.strategy = 'Newest';
    expect(lines(admit(lease, m))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
      'spec.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"',
    ]);
  });

  it('forbids preferredHolder without strategy', () => {
    const m: any = nodeLease();
    m.spec.preferredHolder = 'x';
    expect(lines(admit(lease, m))).toEqual(['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']);
  });

  it('detects unknown fields and rejects non-integer durations', () => {
    const m: any = nodeLease();
    m.spec.holder = 'x';
    expect(admit(lease, m).issues[0]).toMatchObject({ code: 'unrecognized_keys' });
    expect(admit(lease, { metadata: { name: 'a' }, spec: { leaseDurationSeconds: 1.5 } }).issues.length).toBe(1);
  });
});
