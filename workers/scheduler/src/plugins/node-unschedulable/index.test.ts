import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod } from '../../framework/testing';
import { New } from '.';

describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'a schedulable node accepts any pod', n: node('n1'), p: pod('p'), want: '' },
    { name: 'a cordoned node rejects a pod without the toleration', n: node('n1').unschedulable(), p: pod('p'), want: 'UnschedulableAndUnresolvable: node(s) were unschedulable' },
    {
      name: 'a cordoned node accepts a pod tolerating the unschedulable taint',
      n: node('n1').unschedulable(),
      p: pod('p').withToleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
      want: '',
    },
  ];
  for (const c of cases) it(c.name, () => expect(filterVerdicts(New(), c.p, [c.n]).n1).toBe(c.want));
});
