import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod } from '../../framework/testing';
import { New } from '.';

describe('NodeName', () => {
  it('a pod without spec.nodeName fits every node', () => {
    expect(filterVerdicts(New(), pod('p'), [node('n1'), node('n2')])).toEqual({ n1: '', n2: '' });
  });
  it('a pod naming a node fits only that node', () => {
    expect(filterVerdicts(New(), pod('p').on('n2'), [node('n1'), node('n2')])).toEqual({
      n1: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name",
      n2: '',
    });
  });
});
