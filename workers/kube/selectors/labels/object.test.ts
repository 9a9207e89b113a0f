import { describe, expect, it } from 'vitest';
import { StatusError } from '../../status';
import { formatLabelSelector } from './format';
import { isEverything, isNothing, matchesLabels } from './match';
import { selectorFromLabelSelector, type LabelSelectorObject } from './object';

function errorOf(obj: LabelSelectorObject): StatusError {
  try {
    selectorFromLabelSelector(obj);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected rejection');
}

describe('selectorFromLabelSelector', () => {
  it('treats a missing selector as selecting nothing', () => {
    for (const sel of [selectorFromLabelSelector(undefined), selectorFromLabelSelector(null)]) {
      expect(isNothing(sel)).toBe(true);
      expect(isEverything(sel)).toBe(false);
      expect(matchesLabels(sel, {})).toBe(false);
      expect(formatLabelSelector(sel)).toBe('');
    }
  });

  it('treats an empty selector as selecting everything', () => {
    for (const obj of [{}, { matchLabels: {}, matchExpressions: [] }, { matchLabels: null }]) {
      const sel = selectorFromLabelSelector(obj);
      expect(isEverything(sel)).toBe(true);
      expect(matchesLabels(sel, undefined)).toBe(true);
    }
  });

  const cases: [string, LabelSelectorObject, string][] = [
    ['matchLabels only', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, 'tier in (api,web)'],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, 'tier notin (db)'],
    ['Exists', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, 'canary'],
    ['DoesNotExist', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist', values: [] }] }, '!canary'],
    [
      'both, sorted by key',
      { matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] },
      'a,z=1',
    ],
    ['empty label value', { matchLabels: { a: '' } }, 'a='],
  ];
  it.each(cases)('%s prints as upstream', (_name, obj, printed) => {
    expect(formatLabelSelector(selectorFromLabelSelector(obj))).toBe(printed);
  });

  const bad: [string, LabelSelectorObject, string][] = [
    ['unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '"Gt" is not a valid label selector operator'],
    ['lower-case operator', { matchExpressions: [{ key: 'a', operator: 'in', values: ['1'] }] }, '"in" is not a valid label selector operator'],
    [
      'In without values',
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] },
      'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    ],
    [
      'bad key',
      { matchLabels: { 'a b': 'c' } },
      `key: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'bad value',
      { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['ok', 'no way'] }] },
      `values[1][a]: Invalid value: "no way": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ];
  it.each(bad)('rejects %s with 400', (_name, obj, message) => {
    const err = errorOf(obj);
    expect(err.code).toBe(400);
    expect(err.message).toBe(message);
  });

  it('aggregates several problems of one requirement in brackets', () => {
    const err = errorOf({ matchExpressions: [{ key: '_', operator: 'Exists', values: ['x'] }] });
    expect(err.message).toMatch(/^\[key: Invalid value: "_": .*, values: Invalid value: \[\]string\{"x"\}: values set must be empty for exists and does not exist\]$/);
  });
});
