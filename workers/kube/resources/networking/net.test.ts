import { describe, it, expect } from 'vitest';
import { cidrContains, isIPv4, isIPv6, parseCidr, portNameProblems } from './net';

describe('net helpers', () => {
  it.each([
    ['10.0.0.1', true, false],
    ['256.0.0.1', false, false],
    ['01.2.3.4', false, false],
    ['::1', false, true],
    ['2001:db8::ffff', false, true],
    ['::ffff:192.0.2.1', false, true],
    ['1:2:3:4:5:6:7:8', false, true],
    ['1:2:3:4:5:6:7:8:9', false, false],
    ['1::2::3', false, false],
  ])('%s', (ip, v4, v6) => {
    expect(isIPv4(ip)).toBe(v4);
    expect(isIPv6(ip)).toBe(v6);
  });

  it('tests CIDR containment', () => {
    expect(cidrContains(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!)).toBe(true);
    expect(cidrContains(parseCidr('10.0.0.0/8')!, parseCidr('11.0.0.0/16')!)).toBe(false);
    expect(cidrContains(parseCidr('2001:db8::/32')!, parseCidr('2001:db8:1::/48')!)).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });

  it('checks IANA port names', () => {
    expect(portNameProblems('http')).toEqual([]);
    expect(portNameProblems('8080')).toEqual(['must contain at least one letter (a-z)']);
    expect(portNameProblems('a--b')).toEqual(['must not contain consecutive hyphens']);
  });
});
