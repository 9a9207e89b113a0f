import { describe, expect, it } from 'vitest';
import { humanDuration, since } from './duration';

const s = (n: number) => n * 1000;

describe('humanDuration matches kubectl AGE', () => {
  it.each([
    [s(-5), '<invalid>'],
    [s(-1), '0s'],
    [0, '0s'],
    [s(5), '5s'],
    [s(119), '119s'],
    [s(120), '2m'],
    [s(182), '3m2s'],
    [s(599), '9m59s'],
    [s(600), '10m'],
    [s(47 * 60 + 59), '47m'],
    [s(179 * 60), '179m'],
    [s(3 * 3600), '3h'],
    [s(5 * 3600 + 3 * 60), '5h3m'],
    [s(8 * 3600 + 59 * 60), '8h'],
    [s(47 * 3600), '47h'],
    [s(2 * 86400 + 3 * 3600), '2d3h'],
    [s(7 * 86400), '7d'],
    [s(8 * 86400 + 5 * 3600), '8d'],
    [s(45 * 86400), '45d'],
    [s(729 * 86400), '729d'],
    [s(730 * 86400), '2y'],
    [s((730 + 100) * 86400), '2y100d'],
    [s(8 * 365 * 86400 + 50 * 86400), '8y'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));

  it('prints <unknown> for a missing timestamp', () => {
    expect(since(undefined, 0)).toBe('<unknown>');
    expect(since('2025-01-01T00:00:10Z', Date.parse('2025-01-01T00:00:15Z'))).toBe('5s');
  });
});
