import { describe, expect, it } from 'vitest';
import { crdColumns } from './crd-columns';
import { jsonPathValues } from './jsonpath';
import { columnsFor, rowFor } from './table';
import { DAY, HOUR, MIN, NOW, ago, def, meta } from './golden.testing';
import type { KObject } from '../registry/types';

const CT = def('stable.example.com', 'v1', 'CronTab');

const obj = {
  metadata: meta('my-crontab', 2 * DAY),
  spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 3, ratio: 0.75, suspend: false, tags: ['a', 'b'], nested: { b: 1, a: 2 } },
  status: {
    lastRun: ago(90 * MIN),
    conditions: [
      { type: 'Synced', status: 'True' },
      { type: 'Ready', status: 'False', reason: 'Waiting', observedGeneration: 4 },
    ],
  },
} as unknown as KObject;

describe('jsonPathValues', () => {
  it.each([
    ['.spec.image', ['my-awesome-cron-image']],
    ['{.spec.replicas}', [3]],
    ['.spec.tags[1]', ['b']],
    ['.spec.tags[-1]', ['b']],
    ['.spec.tags[*]', ['a', 'b']],
    ["['spec']['cronSpec']", ['* * * * */5']],
    ['.status.conditions[?(@.type=="Ready")].status', ['False']],
    [".status.conditions[?(@.type == 'Synced')].status", ['True']],
    ['.status.conditions[?(@.observedGeneration>3)].reason', ['Waiting']],
    ['.status.conditions[?(@.reason)].type', ['Ready']],
    ['.status.missing.deep', []],
    ['.spec.tags[5]', []],
  ])('%s', (path, expected) => expect(jsonPathValues(path, obj)).toEqual(expected));
});

describe('crdColumns', () => {
  const columns = [
    { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio', priority: 1 },
    { name: 'Suspended', type: 'boolean', jsonPath: '.spec.suspend' },
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    { name: 'Last Run', type: 'date', jsonPath: '.status.lastRun' },
    { name: 'Tags', type: 'string', jsonPath: '.spec.tags', priority: 1 },
    { name: 'Nested', type: 'string', jsonPath: '.spec.nested', priority: 1 },
    { name: 'Missing', type: 'string', jsonPath: '.status.nothing' },
    { name: 'Mistyped', type: 'integer', jsonPath: '.spec.image' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'How old.' },
  ];

  it('columns keep the declared name, type, format and priority', () => {
    const defs = columnsFor(CT, columns);
    expect(defs.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0], ['Spec', 'string', 0], ['Replicas', 'integer', 0], ['Ratio', 'number', 1], ['Suspended', 'boolean', 0],
      ['Ready', 'string', 0], ['Last Run', 'date', 0], ['Tags', 'string', 1], ['Nested', 'string', 1], ['Missing', 'string', 0], ['Mistyped', 'integer', 0], ['Age', 'date', 0],
    ]);
    expect(defs[0].format).toBe('name');
    expect(defs[11].description).toBe('How old.');
  });

  it('cells are typed; dates become ages; missing or mistyped values are null', () => {
    expect(rowFor(CT, obj, NOW, columns).cells).toEqual(['my-crontab', '* * * * */5', 3, 0.75, false, 'False', '90m', '["a","b"]', '{"a":2,"b":1}', null, null, '2d']);
  });

  it('no columns: NAME and AGE (the CRD default)', () => {
    expect(columnsFor(CT, []).map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Age', 'date']]);
    expect(rowFor(CT, obj, NOW, null).cells).toEqual(['my-crontab', '2d']);
  });

  it('bad dates print <invalid>; a bad path prints empty instead of failing', () => {
    const p = crdColumns([{ name: 'When', type: 'date', jsonPath: '.spec.image' }, { name: 'Bad', type: 'string', jsonPath: '.spec[' }]);
    expect(p.cells(obj, NOW)).toEqual(['my-crontab', '<invalid>', null]);
    expect(p.cells({ metadata: { name: 'x' }, spec: { image: '' } } as KObject, NOW)).toEqual(['x', '<unknown>', null]);
    expect(crdColumns([{ name: 'T', type: 'date', jsonPath: '.t' }]).cells({ metadata: { name: 'y' }, t: ago(HOUR) } as KObject, NOW)).toEqual(['y', '60m']);
  });
});
