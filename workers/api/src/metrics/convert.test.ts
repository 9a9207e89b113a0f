// Joining samples with live objects, sample expiry, and the push body's validation.
import { describe, expect, it } from 'vitest';
import { parseLabelSelector } from '../../../kube/selectors/labels';
import { type LiveObject, deletedNodes, nodeMetricsOf, podMetricsOf } from './convert';
import { nodeSample, type NodeSample, type StoredSample } from './sample';
import { SampleTable } from './sample-table';

const body = (pods: NodeSample['pods'] = []): NodeSample => ({ timestamp: '2026-11-26T12:00:00Z', window: '15s', node: { cpu: '100m', memory: '1Gi' }, pods });
const stored = (nodeName: string, pods: NodeSample['pods'] = []): StoredSample => ({ nodeName, receivedAt: 0, sample: body(pods) });
const everything = parseLabelSelector('');

describe('metrics join', () => {
  it('serves nodes that exist and match the selector, with their labels', () => {
    const nodes = [{ namespace: '', name: 'a', labels: { zone: 'x' } }, { namespace: '', name: 'b', labels: { zone: 'y' } }];
    const items = nodeMetricsOf([stored('a'), stored('b'), stored('gone')], nodes, parseLabelSelector('zone=x'), 0);
    expect(items).toEqual([{ kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'a', labels: { zone: 'x' }, creationTimestamp: '1970-01-01T00:00:00Z' }, timestamp: '2026-11-26T12:00:00Z', window: '15s', usage: { cpu: '100m', memory: '1Gi' } }]);
    expect(deletedNodes([stored('a'), stored('gone')], nodes)).toEqual(['gone']);
  });

  it('takes a pod’s usage only from the node it is bound to', () => {
    const web = { namespace: 'default', name: 'web', containers: [{ name: 'main', cpu: '5m', memory: '1Mi' }] };
    const liar = { ...web, containers: [{ name: 'main', cpu: '9', memory: '9Gi' }] };
    const pods: LiveObject[] = [{ namespace: 'default', name: 'web', labels: { app: 'web' }, nodeName: 'a' }, { namespace: 'default', name: 'unbound', labels: {} }];
    const items = podMetricsOf([stored('b', [liar]), stored('a', [web])], pods, everything, 0);
    expect(items.map((i) => i.containers)).toEqual([[{ name: 'main', usage: { cpu: '5m', memory: '1Mi' } }]]);
    expect(podMetricsOf([stored('a', [web])], pods, parseLabelSelector('app!=web'), 0)).toEqual([]);
  });
});

describe('SampleTable', () => {
  it('keeps the latest sample per node and drops it once older than the maximum age', () => {
    const t = new SampleTable(120_000);
    t.put('a', body(), 0);
    t.put('b', body(), 100_000);
    expect(t.read(119_000).map((s) => s.nodeName)).toEqual(['a', 'b']);
    expect(t.read(121_000).map((s) => s.nodeName)).toEqual(['b']);
    expect(t.size).toBe(1);
    t.forget(['b']);
    expect(t.read(121_000, 'b')).toEqual([]);
  });
});

describe('push body', () => {
  it('accepts quantities and a duration window, and refuses anything else', () => {
    expect(nodeSample.safeParse(body([{ namespace: 'd', name: 'p', containers: [{ name: 'c', cpu: '12345n', memory: '100Ki' }] }])).success).toBe(true);
    expect(nodeSample.safeParse({ ...body(), window: 'soon' }).success).toBe(false);
    expect(nodeSample.safeParse({ ...body(), node: { cpu: '1 core', memory: '1Gi' } }).success).toBe(false);
    expect(nodeSample.safeParse({ ...body(), timestamp: 'yesterday' }).success).toBe(false);
  });
});
