import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod } from '../../framework/testing';
import { New } from '.';

const CONFLICT = "Unschedulable: node(s) didn't have free ports for the requested pod ports";

describe('NodePorts', () => {
  const cases = [
    { name: 'no host ports fits anywhere', p: pod('p'), existing: [pod('e').hostPort(80).on('n1')], want: '' },
    { name: 'a free host port fits', p: pod('p').hostPort(8080), existing: [pod('e').hostPort(80).on('n1')], want: '' },
    { name: 'the same port on all addresses conflicts', p: pod('p').hostPort(80), existing: [pod('e').hostPort(80).on('n1')], want: CONFLICT },
    { name: 'the same port with another protocol fits', p: pod('p').hostPort(53, undefined, 'UDP'), existing: [pod('e').hostPort(53).on('n1')], want: '' },
    { name: 'the same port on different specific IPs fits', p: pod('p').hostPort(80, '10.0.0.2'), existing: [pod('e').hostPort(80, '10.0.0.1').on('n1')], want: '' },
    { name: 'a specific IP conflicts with an existing 0.0.0.0 binding', p: pod('p').hostPort(80, '10.0.0.2'), existing: [pod('e').hostPort(80).on('n1')], want: CONFLICT },
    { name: '0.0.0.0 conflicts with an existing specific IP binding', p: pod('p').hostPort(80), existing: [pod('e').hostPort(80, '10.0.0.1').on('n1')], want: CONFLICT },
  ];
  for (const c of cases) it(c.name, () => expect(filterVerdicts(New(), c.p, [node('n1')], c.existing).n1).toBe(c.want));
});
