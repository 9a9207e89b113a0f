import { describe, expect, it } from 'vitest';
import { type Endpoints, type EndpointsPlan, OVER_CAPACITY_ANNOTATION, desiredSubsets, planEndpoints, truncateSubsets } from './endpoints-plan';
import { pod, svc } from './testing';

const ref = (name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` });
const objectOf = (p: EndpointsPlan) => ('object' in p ? p.object : undefined);

describe('desiredSubsets', () => {
  it.each([
    {
      name: 'ready and not-ready addresses share a subset',
      service: svc('web'),
      pods: [pod('b', { ip: '10.0.0.2', ready: false, node: 'n1' }), pod('a', { ip: '10.0.0.1' })],
      want: [
        {
          addresses: [{ ip: '10.0.0.1', targetRef: ref('a') }],
          notReadyAddresses: [{ ip: '10.0.0.2', nodeName: 'n1', targetRef: ref('b') }],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
    },
    {
      name: 'terminating pods are left out',
      service: svc('web'),
      pods: [pod('a', { ip: '10.0.0.1', deleting: true })],
      want: [],
    },
    {
      name: 'publishNotReadyAddresses keeps terminating and not-ready pods as ready',
      service: svc('web', { publish: true }),
      pods: [pod('a', { ip: '10.0.0.1', deleting: true }), pod('b', { ip: '10.0.0.2', ready: false })],
      want: [{ addresses: [{ ip: '10.0.0.1', targetRef: ref('a') }, { ip: '10.0.0.2', targetRef: ref('b') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'pods without an address or not selected are left out',
      service: svc('web'),
      pods: [pod('a', { ip: null }), pod('b', { labels: { app: 'other' } })],
      want: [],
    },
    {
      name: 'a pod that resolves no port is left out',
      service: svc('web', { ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] }),
      pods: [pod('a', { ip: '10.0.0.1' }), pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 8080 }] })],
      want: [{ addresses: [{ ip: '10.0.0.2', targetRef: ref('b') }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    },
    {
      name: 'a headless Service without ports publishes bare addresses',
      service: svc('web', { clusterIP: 'None', ports: [] }),
      pods: [pod('a', { ip: '10.0.0.1', hostname: 'a', subdomain: 'web' })],
      want: [{ addresses: [{ ip: '10.0.0.1', hostname: 'a', targetRef: ref('a') }] }],
    },
    {
      name: 'a ClusterIP Service without ports publishes nothing',
      service: svc('web', { ports: [] }),
      pods: [pod('a', { ip: '10.0.0.1' })],
      want: [],
    },
  ])('$name', ({ service, pods, want }) => {
    expect(desiredSubsets(service, pods)).toEqual(want);
  });

  it('splits addresses whose named ports resolve differently', () => {
    const s = svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] });
    const subsets = desiredSubsets(s, [pod('a', { ip: '10.0.0.1', ports: [{ name: 'http', containerPort: 8080 }] }), pod('b', { ip: '10.0.0.2', ports: [{ name: 'http', containerPort: 9090 }] })]);
    expect(subsets.map((x) => [x.addresses?.map((a) => a.ip), x.ports?.[0].port])).toEqual([
      [['10.0.0.1'], 8080],
      [['10.0.0.2'], 9090],
    ]);
  });
});

describe('truncateSubsets', () => {
  it('keeps ready addresses first', () => {
    const a = (ip: string) => ({ ip });
    const { subsets, truncated } = truncateSubsets([{ addresses: [a('1'), a('2')], notReadyAddresses: [a('3'), a('4')], ports: [] }], 3);
    expect(truncated).toBe(true);
    expect(subsets).toEqual([{ addresses: [a('1'), a('2')], notReadyAddresses: [a('3')], ports: [] }]);
  });
});

describe('planEndpoints', () => {
  const owned = (subsets: Endpoints['subsets'], extra: Partial<Endpoints['metadata']> = {}): Endpoints => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-ep', resourceVersion: '7', labels: {}, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }], ...extra },
    ...(subsets ? { subsets } : {}),
  });
  const current = desiredSubsets(svc('web'), [pod('a', { ip: '10.0.0.1' })]);

  it.each([
    { name: 'creates the object for a new Service', service: svc('web'), existing: undefined, want: 'create' },
    { name: 'does nothing when up to date', service: svc('web'), existing: owned(current), want: 'none' },
    { name: 'updates when addresses change', service: svc('web'), existing: owned([]), want: 'update' },
    { name: 'updates when the Service was recreated (new uid)', service: svc('web', { uid: 'uid-web2' }), existing: owned(current), want: 'update' },
    { name: 'updates when the Service labels change', service: svc('web', { labels: { a: 'b' } }), existing: owned(current), want: 'update' },
    { name: 'leaves user Endpoints of a selector-less Service', service: svc('web', { selector: null }), existing: owned([], { ownerReferences: [] }), want: 'none' },
    { name: 'deletes its own once the Service is gone', service: undefined, existing: owned(current), want: 'delete' },
    { name: 'keeps user Endpoints once the Service is gone', service: undefined, existing: owned(current, { ownerReferences: [] }), want: 'none' },
    { name: 'deletes its own when the Service turns ExternalName', service: svc('web', { type: 'ExternalName' }), existing: owned(current), want: 'delete' },
  ])('$name', ({ service, existing, want }) => {
    expect(planEndpoints(service, [pod('a', { ip: '10.0.0.1' })], existing, 'web').action).toBe(want);
  });

  it('writes name, labels, owner and keeps the resourceVersion on update', () => {
    const created = objectOf(planEndpoints(svc('web', { clusterIP: 'None', labels: { team: 'x' } }), [pod('a', { ip: '10.0.0.1' })], undefined, 'web'));
    expect(created?.metadata).toEqual({
      name: 'web',
      namespace: 'default',
      labels: { team: 'x', 'service.kubernetes.io/headless': '' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }],
    });
    const updated = objectOf(planEndpoints(svc('web'), [], owned(current), 'web'));
    expect(updated?.metadata.resourceVersion).toBe('7');
    expect(updated?.subsets).toBeUndefined();
  });

  it('marks truncated objects', () => {
    const pods = Array.from({ length: 1001 }, (_, i) => pod(`p${i}`, { ip: `10.1.${Math.floor(i / 250)}.${i % 250}` }));
    const o = objectOf(planEndpoints(svc('web'), pods, undefined, 'web'));
    expect(o?.metadata.annotations).toEqual({ [OVER_CAPACITY_ANNOTATION]: 'truncated' });
    expect(o?.subsets?.[0].addresses).toHaveLength(1000);
  });
});
