import { describe, expect, it } from 'vitest';
import { FieldSet } from './fieldset';
import { field, keyElement, parseElementKey, pathString, type Path } from './path';

const f = field;
const k = (o: Record<string, string | number>) => keyElement(Object.entries(o));

describe('field sets and the fieldsV1 format', () => {
  const cases: { name: string; paths: Path[]; text: string }[] = [
    { name: 'a leaf is an empty object', paths: [[f('spec'), f('replicas')]], text: '{"f:spec":{"f:replicas":{}}}' },
    {
      name: 'a member that also has children carries "." first',
      paths: [[f('spec'), f('c'), k({ name: 'a' })], [f('spec'), f('c'), k({ name: 'a' }), f('image')]],
      text: '{"f:spec":{"f:c":{"k:{\\"name\\":\\"a\\"}":{".":{},"f:image":{}}}}}',
    },
    {
      name: 'fields sort before keys, keys before values, each in upstream order',
      paths: [[{ t: 'v', value: 'b' }], [{ t: 'v', value: 'a' }], [k({ name: 'x' })], [f('z')], [f('a')], [{ t: 'v', value: 1 }]],
      text: '{"f:a":{},"f:z":{},"k:{\\"name\\":\\"x\\"}":{},"v:1":{},"v:\\"a\\"":{},"v:\\"b\\"":{}}',
    },
    {
      name: 'key fields are written sorted by name whatever the schema order',
      paths: [[keyElement([['protocol', 'TCP'], ['containerPort', 80]])]],
      text: '{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{}}',
    },
  ];
  it.each(cases)('$name', ({ paths, text }) => {
    const set = FieldSet.of(...paths);
    expect(JSON.stringify(set.toFieldsV1())).toBe(text);
    const back = FieldSet.fromFieldsV1(JSON.parse(text));
    expect(JSON.stringify(back.toFieldsV1())).toBe(text);
    expect(back.equals(set)).toBe(true);
  });

  it('parses a real kubectl-create entry and writes it back byte for byte', () => {
    const text =
      '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:ports":{".":{},"k:{\\"containerPort\\":8089,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}';
    expect(JSON.stringify(FieldSet.fromFieldsV1(JSON.parse(text)).toFieldsV1())).toBe(text);
  });

  it('rejects an unknown element prefix', () => {
    expect(() => FieldSet.fromFieldsV1({ 'x:y': {} })).toThrow(/unknown path element/);
  });

  it('difference keeps what lies below a removed member; recursive difference drops it', () => {
    const s = FieldSet.of([f('a')], [f('a'), f('b')]);
    const minus = FieldSet.of([f('a')]);
    expect(JSON.stringify(s.difference(minus).toFieldsV1())).toBe('{"f:a":{"f:b":{}}}');
    expect(s.recursiveDifference(minus).isEmpty()).toBe(true);
  });

  it('iterates members level by level and prints paths the way conflicts show them', () => {
    const s = FieldSet.of(
      [f('spec'), f('template'), f('spec'), f('containers'), k({ name: 'nginx' }), f('image')],
      [f('spec'), f('replicas')],
      [f('metadata'), f('finalizers'), { t: 'v', value: 'x/y' }],
      [f('spec'), f('ports'), keyElement([['port', 80], ['protocol', 'TCP']])],
    );
    expect(s.paths().map(pathString)).toEqual([
      '.metadata.finalizers[="x/y"]',
      '.spec.replicas',
      '.spec.ports[port=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="nginx"].image',
    ]);
  });

  it('reads each element kind back from its key', () => {
    expect(parseElementKey('i:3')).toEqual({ t: 'i', index: 3 });
    expect(parseElementKey('v:true')).toEqual({ t: 'v', value: true });
    expect(parseElementKey('k:{"b":1,"a":"x"}')).toEqual(keyElement([['a', 'x'], ['b', 1]]));
  });
});
