import { describe, expect, it } from 'vitest';
import { node, pod, scores } from '../../framework/testing';
import { calculatePriority, MAX_CONTAINER_THRESHOLD, MIN_THRESHOLD, New } from '.';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it('scores 0 below the minimum threshold and 100 at the per-container cap', () => {
    expect(calculatePriority(MIN_THRESHOLD - 1, 1)).toBe(0);
    expect(calculatePriority(MAX_CONTAINER_THRESHOLD, 1)).toBe(100);
  });
  it('prefers the node that has the image, scaled by how many nodes have it', () => {
    const nodes = [node('n1').withImage('nginx:1.25', 500 * MB), node('n2').withImage('nginx:1.25', 500 * MB), node('n3'), node('n4')];
    // spread 2/4 → 250MB effective; (250-23)/(1000-23)×100 = 23
    expect(scores(New(), pod('p').image('nginx:1.25'), nodes)).toEqual({ n1: 23, n2: 23, n3: 0, n4: 0 });
  });
  it('treats an untagged image as :latest', () => {
    const nodes = [node('n1').withImage('redis:latest', 1000 * MB), node('n2')];
    expect(scores(New(), pod('p').image('redis'), nodes).n1).toBeGreaterThan(0);
  });
});
