import { describe, expect, it } from 'vitest';
import { StatusError } from '../status';
import { compareQuantity, formatQuantity, isValidQuantity, parseQuantity, quantityFromJson, quantityToMilli, quantityToNumber, quantityValue } from './index';
import { ERR_FORMAT, ERR_SUFFIX } from './types';

const canon = (s: string | number) => formatQuantity(parseQuantity(s));

describe('parseQuantity + formatQuantity print upstream canonical text', () => {
  const cases: [string, string][] = [
    // Zeros in every notation
    ['0', '0'],
    ['0n', '0'],
    ['0m', '0'],
    ['0Ki', '0'],
    ['0Ei', '0'],
    ['000', '0'],
    ['-0', '0'],
    ['0.0', '0'],
    // Already canonical input is kept as written
    ['1', '1'],
    ['1n', '1n'],
    ['1u', '1u'],
    ['100m', '100m'],
    ['1k', '1k'],
    ['1M', '1M'],
    ['1G', '1G'],
    ['1T', '1T'],
    ['1P', '1P'],
    ['1E', '1E'],
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['100Mi', '100Mi'],
    ['1Gi', '1Gi'],
    ['1Ti', '1Ti'],
    ['1Pi', '1Pi'],
    ['-1', '-1'],
    ['-1Ki', '-1Ki'],
    ['12e6', '12e6'],
    ['1e3', '1e3'],
    // Upstream's text reuse also keeps some non-canonical spellings verbatim
    ['+1', '+1'],
    ['01', '01'],
    ['1E3', '1E3'],
    ['1e+3', '1e+3'],
    // Canonicalization
    ['1000m', '1'],
    ['1000', '1k'],
    ['1000k', '1M'],
    ['1500', '1500'],
    ['1000000', '1M'],
    ['1.0', '1'],
    ['0.1', '100m'],
    ['.5', '500m'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['0.001', '1m'],
    ['0.0001', '100u'],
    ['1.5k', '1500'],
    ['10e3', '10e3'],
    ['1000e0', '1e3'],
    ['1.5e3', '1500'],
    ['12e1', '120'],
    ['8Ki', '8Ki'],
    ['1024', '1024'],
    ['1024Ki', '1Mi'],
    ['1024Mi', '1Gi'],
    ['128Mi', '128Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['1.5Ki', '1536'],
    ['1.1Ki', '1126400m'],
    ['0.001Ki', '1024m'],
    ['1Ei', '1Ei'],
    ['7Ei', '7Ei'],
    // Rounding up to whole nano units, away from zero
    ['0.1n', '1n'],
    ['1.5n', '2n'],
    ['-0.1n', '-1n'],
    ['0.0000000001', '1n'],
    ['1e-10', '1e-9'],
    ['1e-1000000', '1e-9'],
    // Binary values are capped at the int64 maximum
    ['8Ei', '9223372036854775807'],
    ['100000Ei', '9223372036854775807'],
    // Large decimals stay exact
    ['12345678901234567890', '12345678901234567890'],
    ['1000E', '1e21'],
    ['1e2147483647', '10e2147483646'],
    // Upstream's lenient scanner
    ['-', '0'],
    ['+', '0'],
    ['.', '0'],
    ['m', '0'],
    ['Ki', '0'],
    ['1.', '1.'],
  ];
  it.each(cases)('%j → %j', (input, want) => {
    expect(canon(input)).toBe(want);
  });

  it('accepts JSON numbers', () => {
    expect(canon(0)).toBe('0');
    expect(canon(1)).toBe('1');
    expect(canon(1.5)).toBe('1500m');
    expect(canon(-2)).toBe('-2');
    expect(canon(1000)).toBe('1k');
    // JavaScript spells this number 1e-7, which is exponent notation.
    expect(canon(0.0000001)).toBe('100e-9');
    expect(canon(1e21)).toBe('1e+21');
  });
});

describe('parseQuantity rejects', () => {
  const cases: [string, string][] = [
    ['', ERR_FORMAT],
    ['abc', ERR_FORMAT],
    ['1.2.3', ERR_FORMAT],
    [' 1', ERR_FORMAT],
    ['1 ', ERR_FORMAT],
    ['1Mi ', ERR_FORMAT],
    ['1e1.5', ERR_FORMAT],
    ['1,5', ERR_FORMAT],
    ["1' OR 1=1", ERR_FORMAT],
    ['0x10', ERR_FORMAT],
    ['1K', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
    ['1ee', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['1Kii', ERR_SUFFIX],
    ['1mi', ERR_SUFFIX],
    ['1Ki3', ERR_SUFFIX],
    ['1e-', ERR_SUFFIX],
    ['1-', ERR_SUFFIX],
    ['--1', ERR_SUFFIX],
    ['1e9223372036854775808', ERR_SUFFIX],
  ];
  it.each(cases)('%j', (input, message) => {
    expect(isValidQuantity(input)).toBe(false);
    try {
      parseQuantity(input);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).code).toBe(400);
      expect((e as StatusError).message).toBe(message);
    }
  });

  it('rejects non-finite numbers', () => {
    expect(isValidQuantity(Number.NaN)).toBe(false);
    expect(isValidQuantity(Number.POSITIVE_INFINITY)).toBe(false);
  });
});

describe('quantityFromJson', () => {
  it('trims strings, accepts numbers and treats null as unset', () => {
    expect(formatQuantity(quantityFromJson(' 1Gi ')!)).toBe('1Gi');
    expect(formatQuantity(quantityFromJson(2)!)).toBe('2');
    expect(quantityFromJson(null)).toBeUndefined();
    expect(() => quantityFromJson(true)).toThrow(StatusError);
    expect(() => quantityFromJson({})).toThrow(StatusError);
  });
});

describe('compareQuantity', () => {
  const cases: [string, string, number][] = [
    ['1', '1', 0],
    ['1Ki', '1024', 0],
    ['1', '1000m', 0],
    ['1e3', '1k', 0],
    ['1.5', '2', -1],
    ['2', '1.5', 1],
    ['-1', '1', -1],
    ['-2', '-1', -1],
    ['0', '-0.1n', 1],
    ['0m', '0Ki', 0],
    ['1Gi', '1G', 1],
    ['999m', '1', -1],
    ['1e2147483647', '1E', 1],
    ['-1e2147483647', '-1E', -1],
    ['1n', '1e-1000', 0],
    ['123456789012345678901', '123456789012345678902', -1],
  ];
  it.each(cases)('%j vs %j is %i', (a, b, want) => {
    expect(compareQuantity(parseQuantity(a), parseQuantity(b))).toBe(want);
    expect(compareQuantity(parseQuantity(b), parseQuantity(a))).toBe(-want || 0);
  });
});

describe('conversions', () => {
  const milli: [string, bigint][] = [
    ['250m', 250n],
    ['1', 1000n],
    ['1.5', 1500n],
    ['1n', 1n],
    ['-1n', -1n],
    ['0', 0n],
    ['1Ki', 1024000n],
    ['0.0001m', 1n],
    ['1e100', 2n ** 63n - 1n],
    ['-1e100', -(2n ** 63n)],
  ];
  it.each(milli)('quantityToMilli(%j) = %s', (s, want) => {
    expect(quantityToMilli(parseQuantity(s))).toBe(want);
  });

  const whole: [string, bigint][] = [
    ['1Ki', 1024n],
    ['1500m', 2n],
    ['-1500m', -2n],
    ['1Gi', 1073741824n],
    ['100M', 100000000n],
    ['1n', 1n],
  ];
  it.each(whole)('quantityValue(%j) = %s', (s, want) => {
    expect(quantityValue(parseQuantity(s))).toBe(want);
  });

  it('approximates as a number', () => {
    expect(quantityToNumber(parseQuantity('1.5Gi'))).toBe(1610612736);
    expect(quantityToNumber(parseQuantity('100m'))).toBe(0.1);
    expect(quantityToNumber(parseQuantity('-2k'))).toBe(-2000);
    expect(quantityToNumber(parseQuantity('1e2147483647'))).toBe(Number.POSITIVE_INFINITY);
  });
});
