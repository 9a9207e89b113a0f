import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod, scores } from '../../framework/testing';
import { New } from '.';

describe('TaintToleration filter', () => {
  const cases = [
    { name: 'an untainted node accepts any pod', n: node('n1'), p: pod('p'), want: '' },
    {
      name: 'a NoSchedule taint rejects a pod without a toleration, naming the taint',
      n: node('n1').withTaint('dedicated', 'gpu'),
      p: pod('p'),
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
    },
    { name: 'an Equal toleration with the same value tolerates', n: node('n1').withTaint('dedicated', 'gpu'), p: pod('p').withToleration({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }), want: '' },
    {
      name: 'an Equal toleration with another value does not',
      n: node('n1').withTaint('dedicated', 'gpu'),
      p: pod('p').withToleration({ key: 'dedicated', value: 'db' }),
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}',
    },
    { name: 'Exists with an empty key tolerates every taint', n: node('n1').withTaint('a', 'b').withTaint('c', 'd', 'NoExecute'), p: pod('p').withToleration({ operator: 'Exists' }), want: '' },
    {
      name: 'a toleration for another effect does not tolerate',
      n: node('n1').withTaint('k', 'v', 'NoExecute'),
      p: pod('p').withToleration({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }),
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {k: v}',
    },
    { name: 'PreferNoSchedule taints never filter', n: node('n1').withTaint('soft', 'x', 'PreferNoSchedule'), p: pod('p'), want: '' },
  ];
  for (const c of cases) it(c.name, () => expect(filterVerdicts(New(), c.p, [c.n]).n1).toBe(c.want));
});

describe('TaintToleration score', () => {
  it('fewer untolerated PreferNoSchedule taints score higher, reversed to 0..100', () => {
    const nodes = [node('n1'), node('n2').withTaint('a', '1', 'PreferNoSchedule'), node('n3').withTaint('a', '1', 'PreferNoSchedule').withTaint('b', '1', 'PreferNoSchedule')];
    expect(scores(New(), pod('p'), nodes)).toEqual({ n1: 100, n2: 50, n3: 0 });
  });
  it('tolerated PreferNoSchedule taints do not count', () => {
    const nodes = [node('n1'), node('n2').withTaint('a', '1', 'PreferNoSchedule')];
    expect(scores(New(), pod('p').withToleration({ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }), nodes)).toEqual({ n1: 100, n2: 100 });
  });
});
