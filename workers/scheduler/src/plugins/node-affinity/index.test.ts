import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod, scores } from '../../framework/testing';
import type { NodeSelectorTerm } from '../../framework/types';
import { New } from '.';

const NO_MATCH = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
const required = (...nodeSelectorTerms: NodeSelectorTerm[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } });
const expr = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

describe('NodeAffinity filter', () => {
  const n = node('n1').withLabel('zone', 'a').withLabel('cores', '8');
  const cases = [
    { name: 'no constraints fits', p: pod('p'), want: '' },
    { name: 'a matching nodeSelector fits', p: pod('p').nodeSelector({ zone: 'a' }), want: '' },
    { name: 'a nodeSelector with another value does not fit', p: pod('p').nodeSelector({ zone: 'b' }), want: NO_MATCH },
    { name: 'In with the value fits', p: pod('p').affinity(required(expr('zone', 'In', ['a', 'b']))), want: '' },
    { name: 'NotIn with the value does not fit', p: pod('p').affinity(required(expr('zone', 'NotIn', ['a']))), want: NO_MATCH },
    { name: 'NotIn on a missing label fits', p: pod('p').affinity(required(expr('gpu', 'NotIn', ['x']))), want: '' },
    { name: 'Exists on a present label fits', p: pod('p').affinity(required(expr('zone', 'Exists'))), want: '' },
    { name: 'DoesNotExist on a present label does not fit', p: pod('p').affinity(required(expr('zone', 'DoesNotExist'))), want: NO_MATCH },
    { name: 'Gt compares as integers', p: pod('p').affinity(required(expr('cores', 'Gt', ['4']))), want: '' },
    { name: 'Lt compares as integers', p: pod('p').affinity(required(expr('cores', 'Lt', ['4']))), want: NO_MATCH },
    { name: 'terms are ORed', p: pod('p').affinity(required(expr('zone', 'In', ['z']), expr('cores', 'Exists'))), want: '' },
    { name: 'an empty term matches nothing', p: pod('p').affinity(required({})), want: NO_MATCH },
    { name: 'matchFields on metadata.name selects the node', p: pod('p').affinity(required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] })), want: '' },
    {
      name: 'nodeSelector and affinity must both hold',
      p: pod('p').nodeSelector({ zone: 'b' }).affinity(required(expr('zone', 'Exists'))),
      want: NO_MATCH,
    },
  ];
  for (const c of cases) it(c.name, () => expect(filterVerdicts(New(), c.p, [n]).n1).toBe(c.want));
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms and scales the best to 100', () => {
    const p = pod('p').affinity({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 20, preference: expr('zone', 'In', ['a']) },
          { weight: 60, preference: expr('disk', 'In', ['ssd']) },
        ],
      },
    });
    const nodes = [node('n1').withLabel('zone', 'a'), node('n2').withLabel('disk', 'ssd'), node('n3').withLabel('zone', 'a').withLabel('disk', 'ssd'), node('n4')];
    expect(scores(New(), p, nodes)).toEqual({ n1: 25, n2: 75, n3: 100, n4: 0 });
  });
});
