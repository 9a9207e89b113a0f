import { describe, expect, it } from 'vitest';
import { compareIPv4, isIPv4 } from './ip';

describe('IPv4 helpers', () => {
  it('accepts dotted quads only', () => {
    expect(['10.0.0.1', '255.255.255.255', '0.0.0.0'].every(isIPv4)).toBe(true);
    expect(['10.0.0.256', '10.0.0', '010.0.0.1', 'fd00::1', '', '1.2.3.4 '].some(isIPv4)).toBe(false);
  });

  it('orders numerically', () => {
    expect(['10.0.0.10', '9.255.0.1', '10.0.0.9'].sort(compareIPv4)).toEqual(['9.255.0.1', '10.0.0.9', '10.0.0.10']);
  });
});
