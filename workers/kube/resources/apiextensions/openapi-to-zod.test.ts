import { describe, it, expect } from 'vitest';
import { customObjectSchema, toZod } from './openapi-to-zod';

const ok = (schema: object, value: unknown) => toZod(schema).safeParse(value).success;

describe('toZod', () => {
  it('maps scalar types', () => {
    expect(ok({ type: 'string' }, 'x')).toBe(true);
    expect(ok({ type: 'integer' }, 1.5)).toBe(false);
    expect(ok({ type: 'number' }, 1.5)).toBe(true);
    expect(ok({ type: 'boolean' }, 'true')).toBe(false);
    expect(ok({ 'x-kubernetes-int-or-string': true }, 80)).toBe(true);
    expect(ok({ 'x-kubernetes-int-or-string': true }, '50%')).toBe(true);
    expect(ok({ 'x-kubernetes-int-or-string': true }, true)).toBe(false);
    expect(ok({ type: 'string', nullable: true }, null)).toBe(true);
  });

  it('maps objects: strict, maps, preserved and embedded', () => {
    const strict = { type: 'object', properties: { a: { type: 'string' } } };
    expect(ok(strict, { a: 'x' })).toBe(true);
    expect(ok(strict, { b: 'x' })).toBe(false);
    expect(ok({ type: 'object' }, {})).toBe(true);
    expect(ok({ type: 'object', additionalProperties: { type: 'integer' } }, { a: 1, b: 2 })).toBe(true);
    expect(ok({ type: 'object', additionalProperties: { type: 'integer' } }, { a: 'x' })).toBe(false);
    expect(ok({ type: 'object', additionalProperties: true }, { a: [] })).toBe(true);
    expect(ok({ ...strict, 'x-kubernetes-preserve-unknown-fields': true }, { a: 'x', b: { c: 1 } })).toBe(true);
    const embedded = { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } };
    expect(ok(embedded, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } })).toBe(true);
  });

  it('maps arrays and required properties', () => {
    const s = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'string' } } } };
    expect(ok(s, { items: ['a'] })).toBe(true);
    expect(ok(s, { items: [1] })).toBe(false);
    expect(ok(s, {})).toBe(false);
  });

  it('makes a schema-preserving root loose', () => {
    const s = customObjectSchema('example.com', 'v1', 'Thing', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(s.safeParse({ metadata: { name: 'a' }, anything: { goes: true } }).success).toBe(true);
    expect(s.safeParse({ metadata: { name: 'a', bogus: 1 } }).success).toBe(false);
  });

  it('checks exclusive bounds, minItems and map-list keys', () => {
    const s = customObjectSchema('example.com', 'v1', 'Thing', {
      type: 'object',
      properties: {
        ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
        ports: {
          type: 'array',
          minItems: 1,
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port'],
          items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } },
        },
      },
    });
    const r = s.safeParse({ ratio: 0, ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] });
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'Invalid value: 0: ratio in body should be greater than 0',
      'Duplicate value: {"port":80}',
    ]);
    expect(s.safeParse({ ports: [] }).error?.issues[0].message).toBe('Invalid value: []: ports in body should have at least 1 items');
  });
});
