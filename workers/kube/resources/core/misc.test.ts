import { describe, it, expect } from 'vitest';
import { nodeResource } from './node';
import { eventResource } from './event';
import { endpointsResource } from './endpoints';
import { limitRangeResource } from './limitrange';
import { resourceQuotaResource } from './resourcequota';
import { serviceAccountResource } from './serviceaccount';
import { binding } from './binding';
import { create, reasons } from './test-helpers';

describe('Node', () => {
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:00Z', reason: 'KubeletReady' }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.5' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'm', systemUUID: 'u', bootID: 'b', kernelVersion: '6.1', osImage: 'Debian', containerRuntimeVersion: 'containerd://1.7',
        kubeletVersion: 'v1.32.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
  it('defaults allocatable to capacity and exposes spec.unschedulable', () => {
    const { obj, errs } = create(nodeResource, node);
    expect(errs.causes).toEqual([]);
    expect(obj.status?.allocatable).toEqual(node.status.capacity);
    expect(nodeResource.fields?.(obj)).toEqual({ 'spec.unschedulable': 'false' });
  });
  it('validates taint effects', () => {
    const bad = { ...node, spec: { taints: [{ key: 'a', effect: 'Sometimes' }] } };
    expect(reasons(create(nodeResource, bad).errs)).toEqual({ 'spec.taints[0].effect': 'FieldValueNotSupported' });
  });
});

describe('Event', () => {
  const ev = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web-0.17f', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Successfully pulled image',
    source: { component: 'kubelet', host: 'worker-1' },
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
    count: 1,
    type: 'Normal',
    reportingComponent: 'kubelet',
    reportingInstance: 'worker-1',
  };
  it('exposes upstream field selectors', () => {
    const { obj, errs } = create(eventResource, ev);
    expect(errs.causes).toEqual([]);
    expect(eventResource.fields?.(obj)).toMatchObject({ 'involvedObject.name': 'web-0', 'involvedObject.kind': 'Pod', reason: 'Pulled', source: 'kubelet', type: 'Normal' });
  });
  it('requires involvedObject and a matching namespace', () => {
    expect(eventResource.schema.safeParse({ metadata: { name: 'e' } }).success).toBe(false);
    const other = { ...ev, involvedObject: { ...ev.involvedObject, namespace: 'kube-system' } };
    expect(reasons(create(eventResource, other).errs)).toEqual({ 'involvedObject.namespace': 'FieldValueInvalid' });
  });
});

describe('Endpoints', () => {
  it('defaults port protocol and validates ports', () => {
    const ep = { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.244.1.5', targetRef: { kind: 'Pod', name: 'web-0' } }], ports: [{ name: 'http', port: 80 }, { port: 70000 }] }] };
    const { obj, errs } = create(endpointsResource, ep);
    expect(obj.subsets?.[0].ports?.[0].protocol).toBe('TCP');
    expect(reasons(errs)).toEqual({ 'subsets[0].ports[1].name': 'FieldValueRequired', 'subsets[0].ports[1].port': 'FieldValueInvalid' });
  });
});

describe('LimitRange', () => {
  it('defaults container defaults from max and min, and checks ordering', () => {
    const lr = { metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } };
    const { obj, errs } = create(limitRangeResource, lr);
    expect(errs.causes).toEqual([]);
    expect(obj.spec?.limits[0]).toMatchObject({ default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
    const bad = { metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] } };
    expect(reasons(create(limitRangeResource, bad).errs)).toMatchObject({ 'spec.limits[0].min[cpu]': 'FieldValueInvalid' });
  });
});

describe('ResourceQuota', () => {
  it('accepts hard limits and scope selectors, rejects bad quantities', () => {
    const q = { metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.cpu': '4' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } } };
    expect(create(resourceQuotaResource, q).errs.causes).toEqual([]);
    const bad = { metadata: { name: 'q' }, spec: { hard: { pods: 'ten' }, scopes: ['Everything'] } };
    expect(reasons(create(resourceQuotaResource, bad).errs)).toEqual({ 'spec.hard[pods]': 'FieldValueInvalid', 'spec.scopes[0]': 'FieldValueNotSupported' });
  });
});

describe('ServiceAccount and Binding', () => {
  it('accept their upstream fields', () => {
    const sa = { metadata: { name: 'builder' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }], secrets: [{ name: 'tok' }] };
    expect(create(serviceAccountResource, sa).errs.causes).toEqual([]);
    expect(binding.safeParse({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web-0' }, target: { apiVersion: 'v1', kind: 'Node', name: 'worker-1' } }).success).toBe(true);
    expect(binding.safeParse({ metadata: { name: 'web-0' } }).success).toBe(false);
  });
});
