import { describe, expect, it } from 'vitest';
import type { Pod } from '../types';
import { specHash } from './labels';
import { runtimeResources } from './resources';
import { hostPorts, podDns, sandboxSpec } from './sandbox';
import { verifyRunAsNonRoot } from './security';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({ metadata: { name: 'p', namespace: 'team', uid: 'u' }, spec: { containers: [{ name: 'a', image: 'i' }], ...spec } });
const dns = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' };

describe('sandbox spec', () => {
  it('resolves DNS per dnsPolicy as upstream', () => {
    const cluster = { servers: ['10.96.0.10'], searches: ['team.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] };
    expect(podDns(pod(), dns)).toEqual(cluster);
    expect(podDns(pod({ hostNetwork: true }), dns)).toBeUndefined();
    expect(podDns(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), dns)).toEqual(cluster);
    expect(podDns(pod({ dnsPolicy: 'Default' }), dns)).toBeUndefined();
    expect(podDns(pod(), { clusterDomain: 'cluster.local' })).toBeUndefined();
    expect(podDns(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['x.test'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }), dns)).toEqual({
      servers: ['1.1.1.1'],
      searches: ['x.test'],
      options: ['ndots:2', 'edns0'],
    });
    expect(podDns(pod({ dnsConfig: { options: [{ name: 'ndots', value: '1' }] } }), dns)?.options).toEqual(['ndots:1']);
  });

  it('publishes hostPorts on the sandbox and shares the host network when asked', () => {
    const p = pod({ hostNetwork: true, containers: [{ name: 'a', ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '127.0.0.1' }, { containerPort: 80 }] }] });
    expect(hostPorts(p)).toEqual([{ containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '127.0.0.1' }]);
    const s = sandboxSpec(p, 'n1', dns, 'podnet');
    expect(s).toMatchObject({ hostNetwork: true, hostname: 'p', podUid: 'u', podNamespace: 'team' });
    expect(s.network).toBeUndefined();
    expect(sandboxSpec(pod({ hostname: 'h' }), 'n1', dns, 'podnet')).toMatchObject({ hostname: 'h', network: 'podnet' });
  });
});

describe('container settings', () => {
  it('maps limits and requests to runtime resources', () => {
    expect(runtimeResources({ name: 'a', resources: { limits: { cpu: '2', memory: '1Gi' } } })).toEqual({ memoryLimitBytes: 2 ** 30, nanoCpus: 2e9, cpuShares: 2048 });
    expect(runtimeResources({ name: 'a', resources: { requests: { cpu: '100m' } } })).toEqual({ cpuShares: 102 });
    expect(runtimeResources({ name: 'a' })).toEqual({ cpuShares: 2 });
  });

  it('hashes the spec without resources and independent of key order', () => {
    expect(specHash({ name: 'a', image: 'x', command: ['sh'] })).toBe(specHash({ command: ['sh'], image: 'x', name: 'a' }));
    expect(specHash({ name: 'a', image: 'x' })).toBe(specHash({ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }));
    expect(specHash({ name: 'a', image: 'x' })).not.toBe(specHash({ name: 'a', image: 'y' }));
  });

  it('verifies runAsNonRoot with upstream messages', () => {
    const nonRoot = (sc: object, c: object = {}) => pod({ securityContext: sc, containers: [{ name: 'a', ...c }] });
    const img = (user?: string) => ({ id: 'sha256:1', repoTags: [], repoDigests: [], sizeBytes: 1, ...(user !== undefined ? { user } : {}) });
    const p0 = nonRoot({ runAsNonRoot: true });
    expect(verifyRunAsNonRoot(p0, p0.spec.containers[0], img('1000'))).toBeUndefined();
    expect(verifyRunAsNonRoot(p0, p0.spec.containers[0], img(''))).toBe('container has runAsNonRoot and image will run as root (pod: "p_team(u)", container: a)');
    expect(verifyRunAsNonRoot(p0, p0.spec.containers[0], img('app'))).toBe('container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root (pod: "p_team(u)", container: a)');
    const p1 = nonRoot({ runAsNonRoot: true }, { securityContext: { runAsUser: 0 } });
    expect(verifyRunAsNonRoot(p1, p1.spec.containers[0], img('1000'))).toBe(`container's runAsUser breaks non-root policy (pod: "p_team(u)", container: a)`);
    const p2 = nonRoot({}, { securityContext: { runAsNonRoot: false } });
    expect(verifyRunAsNonRoot(p2, p2.spec.containers[0], img(''))).toBeUndefined();
  });
});
