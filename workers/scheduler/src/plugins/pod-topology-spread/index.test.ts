import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod, scores } from '../../framework/testing';
import { New } from '.';

const ZONE = 'topology.kubernetes.io/zone';
const SKEW = "Unschedulable: node(s) didn't match pod topology spread constraints";
const hard = (maxSkew: number, extra = {}) => ({ maxSkew, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra });
const web = (n: string, on: string) => pod(n).label('app', 'web').on(on);
const nodes = () => [node('a1').withZone('a'), node('b1').withZone('b'), node('c1')];

describe('PodTopologySpread filter', () => {
  it('rejects the crowded zone when the skew would exceed maxSkew, and nodes without the key', () => {
    const v = filterVerdicts(New(), pod('p').label('app', 'web').spread(hard(1)), nodes(), [web('e1', 'a1')]);
    expect(v).toEqual({ a1: SKEW, b1: '', c1: "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)" });
  });
  it('allows the crowded zone within maxSkew', () => {
    const v = filterVerdicts(New(), pod('p').label('app', 'web').spread(hard(2)), nodes().slice(0, 2), [web('e1', 'a1')]);
    expect(v).toEqual({ a1: '', b1: '' });
  });
  it('counts only pods in the same namespace', () => {
    const other = pod('e1', 'other').label('app', 'web').on('a1');
    expect(filterVerdicts(New(), pod('p').label('app', 'web').spread(hard(1)), nodes().slice(0, 2), [other]).a1).toBe('');
  });
  it('treats the global minimum as 0 while fewer domains than minDomains exist', () => {
    const existing = [web('e1', 'a1'), web('e2', 'b1')];
    const p = pod('p').label('app', 'web').spread(hard(1, { minDomains: 3 }));
    expect(filterVerdicts(New(), p, nodes().slice(0, 2), existing)).toEqual({ a1: SKEW, b1: SKEW });
  });
  it('ScheduleAnyway never filters', () => {
    const p = pod('p').label('app', 'web').spread({ ...hard(1), whenUnsatisfiable: 'ScheduleAnyway' });
    expect(filterVerdicts(New(), p, nodes().slice(0, 2), [web('e1', 'a1'), web('e2', 'a1')]).a1).toBe('');
  });
});

describe('PodTopologySpread score', () => {
  it('prefers the zone with fewer matching pods', () => {
    const p = pod('p').label('app', 'web').spread({ ...hard(1), whenUnsatisfiable: 'ScheduleAnyway' });
    const s = scores(New(), p, nodes().slice(0, 2), [web('e1', 'a1'), web('e2', 'a1')]);
    expect(s.b1).toBe(100);
    expect(s.a1).toBeLessThan(s.b1);
  });
});
