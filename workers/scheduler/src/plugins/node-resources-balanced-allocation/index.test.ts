import { describe, expect, it } from 'vitest';
import { node, pod, scores } from '../../framework/testing';
import { New } from '.';

describe('NodeResourcesBalancedAllocation', () => {
  it('scores 100 when cpu and memory would be used in the same proportion', () => {
    expect(scores(New(), pod('p').req({ cpu: '2', memory: '4Gi' }), [node('n1').withAllocatable({ cpu: '4', memory: '8Gi' })])).toEqual({ n1: 100 });
  });
  it('scores lower the further the fractions drift apart', () => {
    // cpu 3/4 = 0.75, memory 1/8 = 0.125 → std 0.3125 → 68
    const n = node('n1').withAllocatable({ cpu: '4', memory: '8Gi' });
    expect(scores(New(), pod('p').req({ cpu: '3', memory: '1Gi' }), [n])).toEqual({ n1: 68 });
  });
  it('skips a pod that requests nothing', () => {
    expect(scores(New(), pod('p'), [node('n1')])).toEqual({ n1: 0 });
  });
});
