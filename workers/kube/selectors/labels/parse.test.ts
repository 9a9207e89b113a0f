import { describe, expect, it } from 'vitest';
import { StatusError } from '../../status';
import { formatLabelSelector } from './format';
import { parseLabelSelector } from './parse';

const QN_NAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function errorOf(s: string): StatusError {
  try {
    parseLabelSelector(s);
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`);
}

describe('parseLabelSelector accepts', () => {
  // input, canonical form printed back
  const cases: [string, string][] = [
    ['', ''],
    ['   ', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a==b'],
    ['a!=b', 'a!=b'],
    ['a', 'a'],
    ['!a', '!a'],
    [' ! a ', '!a'],
    ['a in (x,y)', 'a in (x,y)'],
    ['a in (y,x,y)', 'a in (x,y)'],
    ['a notin (x)', 'a notin (x)'],
    ['a in(x)', 'a in (x)'],
    ['a\tin\n(\rx , y )', 'a in (x,y)'],
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['z=c,x=a,y=b', 'x=a,y=b,z=c'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x<03', 'x<03'],
    ['example.com/app=web', 'example.com/app=web'],
    ['app.kubernetes.io/name in (web, api)', 'app.kubernetes.io/name in (api,web)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x in (,)', 'x in ()'],
    ['x in (,a)', 'x in (,a)'],
    ['x in (a,)', 'x in (,a)'],
    ['in in (in, notin)', 'in in (in,notin)'],
    ['notin=in', 'notin=in'],
    ['c=b,!a', '!a,c=b'],
    ['a=b\0ignored after NUL', 'a=b'],
    ['a=' + 'v'.repeat(63), 'a=' + 'v'.repeat(63)],
  ];
  it.each(cases)('%j prints as %j', (input, printed) => {
    expect(formatLabelSelector(parseLabelSelector(input))).toBe(printed);
  });

  it('keeps requirements sorted by key with sorted values', () => {
    expect(parseLabelSelector('b in (z,y),a').requirements).toEqual([
      { key: 'a', operator: 'exists', values: [] },
      { key: 'b', operator: 'in', values: ['y', 'z'] },
    ]);
  });
});

describe('parseLabelSelector rejects with 400 and upstream wording', () => {
  const cases: [string, string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE}`],
    ['x<-3', `unable to parse requirement: values[0][x]: Invalid value: "-3": ${LABEL_VALUE}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x>', `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
    ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a (x)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['a=(x)', "unable to parse requirement: found '(', expected: identifier"],
    ['a=b,', "found '', expected: identifier after ','"],
    ['a=b,,c=d', "found ',', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=b', "found '=', expected: !, identifier, or 'end of string'"],
    ['(a)', "found '(', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a_=b', `unable to parse requirement: <nil>: Invalid value: "a_": ${QN_NAME}`],
    ['-a', `unable to parse requirement: <nil>: Invalid value: "-a": ${QN_NAME}`],
    ['/a', `unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty`],
    ['a=b_', `unable to parse requirement: values[0][a]: Invalid value: "b_": ${LABEL_VALUE}`],
    ['a=' + 'v'.repeat(64), `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
  ];
  it.each(cases)('%j', (input, message) => {
    const err = errorOf(input);
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(message);
  });

  const garbage = [
    "a=b' OR 1=1 --",
    "a=b'; DROP TABLE objects; --",
    'a=b OR 1=1',
    'a=1 UNION SELECT * FROM secrets',
    "name in ('x')",
    'a="b"',
    'a=%27',
    'a=b;c=d',
    'a=b&&c=d',
    'a=${x}',
    'a=<script>',
    'a=b\\,c',
    'a!==b',
    'a=b=c',
    'a in ((x))',
    'a notin (x))',
    '\u00e4=b',
    'a=\u00e4',
    'a=b\u2028c',
  ];
  it.each(garbage)('garbage %j', (input) => {
    const err = errorOf(input);
    expect(err.code).toBe(400);
    expect(err.toStatus()).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
  });

  it('quotes control characters the way Go does', () => {
    expect(errorOf('a=b\u0001').message).toContain('Invalid value: "b\\x01"');
  });
});
