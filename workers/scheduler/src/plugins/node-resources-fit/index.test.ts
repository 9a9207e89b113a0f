import { describe, expect, it } from 'vitest';
import { podRequests } from '../../framework/resource';
import { filterVerdicts, node, pod, scores } from '../../framework/testing';
import { New } from '.';

describe('pod requests', () => {
  it('take the larger of the app containers sum and the biggest init container', () => {
    const r = podRequests(pod('p').req({ cpu: '1', memory: '1Gi' }).withContainer({ cpu: '500m' }).withInit({ cpu: '2', memory: '512Mi' }).obj);
    expect([r.milliCPU, r.memory]).toEqual([2000, 1024 ** 3]);
  });
  it('count sidecars alongside the app and every later init container', () => {
    const r = podRequests(pod('p').req({ cpu: '1' }).withInit({ cpu: '500m' }, true).withInit({ cpu: '1200m' }).obj);
    // app phase 1000 + 500 sidecar = 1500; init phase 500 sidecar + 1200 = 1700.
    expect(r.milliCPU).toBe(1700);
  });
  it('add the pod overhead', () => {
    expect(podRequests(pod('p').req({ cpu: '1' }).withOverhead({ cpu: '250m' }).obj).milliCPU).toBe(1250);
  });
  it('keep extended resources by name', () => {
    expect(podRequests(pod('p').req({ 'example.com/foo': 2 }).obj).scalar?.get('example.com/foo')).toBe(2);
  });
});

describe('NodeResourcesFit filter', () => {
  const small = () => node('n1').withAllocatable({ cpu: '2', memory: '2Gi', pods: 2, 'example.com/foo': 1 });
  const cases = [
    { name: 'a pod within free resources fits', p: pod('p').req({ cpu: '1', memory: '1Gi' }), existing: [pod('e').req({ cpu: '1' }).on('n1')], want: '' },
    { name: 'too much cpu reports Insufficient cpu', p: pod('p').req({ cpu: '1500m' }), existing: [pod('e').req({ cpu: '1' }).on('n1')], want: 'Unschedulable: Insufficient cpu' },
    {
      name: 'every short resource is reported',
      p: pod('p').req({ cpu: '3', memory: '3Gi', 'example.com/foo': 2 }),
      existing: [],
      want: 'Unschedulable: Insufficient cpu, Insufficient memory, Insufficient example.com/foo',
    },
    { name: 'a full pod count reports Too many pods', p: pod('p'), existing: [pod('a').on('n1'), pod('b').on('n1')], want: 'Unschedulable: Too many pods' },
    { name: 'an init container bigger than the node does not fit', p: pod('p').req({ cpu: '100m' }).withInit({ cpu: '3' }), existing: [], want: 'Unschedulable: Insufficient cpu' },
    { name: 'overhead counts toward the fit', p: pod('p').req({ cpu: '1900m' }).withOverhead({ cpu: '200m' }), existing: [], want: 'Unschedulable: Insufficient cpu' },
    { name: 'a pod requesting nothing fits a busy node', p: pod('p'), existing: [pod('e').req({ cpu: '2', memory: '2Gi' }).on('n1')], want: '' },
  ];
  for (const c of cases) it(c.name, () => expect(filterVerdicts(New(), c.p, [small()], c.existing).n1).toBe(c.want));
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it('prefers the node with more room left, averaging cpu and memory', () => {
    const nodes = [node('n1').withAllocatable({ cpu: '4', memory: '8Gi' }), node('n2').withAllocatable({ cpu: '4', memory: '8Gi' })];
    const existing = [pod('e').req({ cpu: '2', memory: '4Gi' }).on('n2')];
    // n1: cpu (4000-1000)/4000=75, mem (8-2)/8=75 → 75; n2: cpu 25, mem 25 → 25
    expect(scores(New(), pod('p').req({ cpu: '1', memory: '2Gi' }), nodes, existing)).toEqual({ n1: 75, n2: 25 });
  });
  it('counts a pod without requests as 100m and 200Mi', () => {
    const n = node('n1').withAllocatable({ cpu: '1', memory: `${400 * 1024 * 1024}` });
    expect(scores(New(), pod('p'), [n])).toEqual({ n1: 70 }); // cpu 90, memory 50
  });
});
