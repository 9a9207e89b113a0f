import { describe, expect, it } from 'vitest';
import type { Pod } from '../controllers/common/types';
import { type EndpointSlice, MANAGED_BY, MANAGED_BY_LABEL, planSlices, SERVICE_NAME_LABEL, type SlicePlan } from './endpoint-slice-plan';
import type { Service } from './pod-endpoints';
import { pod, svc } from './testing';

/** Turns a plan into what the API would then hold (names for created slices: new-0, new-1, ...). */
function apply(existing: EndpointSlice[], plan: SlicePlan): EndpointSlice[] {
  const byName = new Map(existing.map((s) => [s.metadata.name!, s]));
  for (const s of plan.delete) byName.delete(s.metadata.name!);
  for (const s of plan.update) byName.set(s.metadata.name!, s);
  plan.create.forEach((s, i) => byName.set(`new-${i}`, { ...s, metadata: { ...s.metadata, name: `new-${i}`, uid: `uid-new-${i}` } }));
  return [...byName.values()];
}

const ips = (s: EndpointSlice) => (s.endpoints ?? []).map((e) => e.addresses?.[0]).sort();
const brief = (p: SlicePlan) => ({ create: p.create.length, update: p.update.map((s) => s.metadata.name), delete: p.delete.map((s) => s.metadata.name) });

function sync(service: Service | undefined, pods: Pod[], existing: EndpointSlice[] = [], max?: number) {
  const plan = planSlices(service, pods, existing, (n) => (n === 'n1' ? 'zone-a' : undefined), max);
  return { plan, after: apply(existing, plan) };
}

describe('planSlices', () => {
  it('creates one IPv4 slice with endpoints, ports, labels and owner', () => {
    const s = svc('web', { labels: { team: 'x' } });
    const { plan } = sync(s, [pod('a', { ip: '10.0.0.1', node: 'n1' }), pod('b', { ip: '10.0.0.2', ready: false, node: 'n2' }), pod('c', { ip: null })]);
    expect(plan.create).toHaveLength(1);
    const slice = plan.create[0];
    expect(slice.metadata).toMatchObject({
      generateName: 'web-',
      namespace: 'default',
      labels: { team: 'x', [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: MANAGED_BY },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' }, nodeName: 'n1', zone: 'zone-a' },
      { addresses: ['10.0.0.2'], conditions: { ready: false, serving: false, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' }, nodeName: 'n2' },
    ]);
  });

  it.each([
    { name: 'a Service without selector is left alone', service: svc('web', { selector: null }), want: { create: 0, update: [], delete: [] } },
    { name: 'a deleted Service loses its slices', service: undefined, want: { create: 0, update: [], delete: ['web-1'] } },
    { name: 'an ExternalName Service loses its slices', service: svc('web', { type: 'ExternalName' }), want: { create: 0, update: [], delete: ['web-1'] } },
  ])('$name', ({ service, want }) => {
    const first = sync(svc('web'), [pod('a')]).after.map((s) => ({ ...s, metadata: { ...s.metadata, name: 'web-1' } }));
    expect(brief(sync(service, [pod('a')], first).plan)).toEqual(want);
  });

  it('is a no-op when nothing changed, and updates in place when a pod does', () => {
    const s = svc('web');
    const pods = [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2' })];
    const { after } = sync(s, pods);
    expect(brief(sync(s, pods, after).plan)).toEqual({ create: 0, update: [], delete: [] });
    const changed = sync(s, [pods[0], pod('b', { ip: '10.0.0.2', deleting: true })], after);
    expect(brief(changed.plan)).toEqual({ create: 0, update: ['new-0'], delete: [] });
    expect(changed.after[0].endpoints?.[1].conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('keeps a placeholder slice when no pod matches', () => {
    const s = svc('web');
    const { plan, after } = sync(s, []);
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({ addressType: 'IPv4', endpoints: [] });
    expect(plan.create[0].ports).toBeUndefined();
    expect(brief(sync(s, [], after).plan)).toEqual({ create: 0, update: [], delete: [] });
    // The placeholder is reused once endpoints appear.
    const grown = sync(s, [pod('a')], after);
    expect(brief(grown.plan)).toEqual({ create: 0, update: ['new-0'], delete: [] });
    expect(grown.after[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('splits into slices of at most max endpoints and fills existing ones first', () => {
    const s = svc('web');
    const pods = Array.from({ length: 5 }, (_, i) => pod(`p${i}`, { ip: `10.0.1.${i}` }));
    const first = sync(s, pods, [], 2);
    expect(first.plan.create.map((x) => x.endpoints?.length)).toEqual([2, 2, 1]);
    // Removing one pod from a full slice and adding two: the gaps are filled before any new slice.
    const next = sync(s, [...pods.filter((p) => p.metadata.name !== 'p0'), pod('p5', { ip: '10.0.1.5' }), pod('p6', { ip: '10.0.1.6' })], first.after, 2);
    expect(next.plan.create).toHaveLength(0);
    expect(next.after.every((x) => (x.endpoints?.length ?? 0) <= 2)).toBe(true);
    expect(next.after.flatMap(ips).sort()).toEqual(['10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.4', '10.0.1.5', '10.0.1.6']);
  });

  it('groups pods by resolved named ports and leaves out ports a pod does not declare', () => {
    const s = svc('web', {
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
      ],
    });
    const { plan } = sync(s, [
      pod('a', { ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
      pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 8081 }] }),
      pod('c', { ip: '10.0.0.3', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }] }),
    ]);
    const summary = plan.create.map((x) => ({ ports: x.ports?.map((p) => `${p.name}:${p.port}`), ips: ips(x) }));
    expect(summary).toEqual([
      { ports: ['http:8080', 'metrics:9100'], ips: ['10.0.0.1', '10.0.0.3'] },
      { ports: ['http:8081'], ips: ['10.0.0.2'] },
    ]);
  });

  it('reuses a slice whose ports no longer match instead of deleting and creating', () => {
    const { after } = sync(svc('web'), [pod('a', { ip: '10.0.0.1' })]);
    const moved = sync(svc('web', { ports: [{ name: 'http', port: 80, targetPort: 9000, protocol: 'TCP' }] }), [pod('a', { ip: '10.0.0.1' })], after);
    expect(brief(moved.plan)).toEqual({ create: 0, update: ['new-0'], delete: [] });
    expect(moved.after[0].ports).toEqual([{ name: 'http', port: 9000, protocol: 'TCP' }]);
  });

  it('makes one slice per address family of a dual-stack Service', () => {
    const { plan } = sync(svc('web', { ipFamilies: ['IPv4', 'IPv6'] }), [pod('a', { ip: '10.0.0.1', ips: ['10.0.0.1', 'fd00::1'] })]);
    expect(plan.create.map((x) => [x.addressType, ips(x)])).toEqual([
      ['IPv4', ['10.0.0.1']],
      ['IPv6', ['fd00::1']],
    ]);
  });

  it('drops duplicate endpoints and repairs labels and owners changed by others', () => {
    const { after } = sync(svc('web'), [pod('a', { ip: '10.0.0.1' })]);
    const dup: EndpointSlice = { ...after[0], metadata: { ...after[0].metadata, name: 'zz-dup', uid: 'uid-dup', labels: { ...after[0].metadata.labels, extra: 'x' } } };
    const tampered: EndpointSlice = { ...after[0], metadata: { ...after[0].metadata, ownerReferences: [] } };
    const { plan, after: fixed } = sync(svc('web'), [pod('a', { ip: '10.0.0.1' })], [tampered, dup]);
    expect(brief(plan)).toEqual({ create: 0, update: ['new-0'], delete: ['zz-dup'] });
    expect(fixed[0].metadata.ownerReferences?.[0].uid).toBe('uid-web');
  });

  it('marks headless Services and copies hostnames of pods in its subdomain', () => {
    const { plan } = sync(svc('web', { clusterIP: 'None' }), [pod('a', { hostname: 'a0', subdomain: 'web' })]);
    expect(plan.create[0].metadata.labels).toMatchObject({ 'service.kubernetes.io/headless': '' });
    expect(plan.create[0].endpoints?.[0].hostname).toBe('a0');
  });
});
