import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { childOf, nodeOf } from './schema';

const spec = z.object({ replicas: z.number(), paused: z.boolean().optional(), labels: z.record(z.string(), z.string()).optional() });
const loose = z.looseObject({ known: z.string().optional() });

describe('childOf', () => {
  it('tells declared, required and optional fields of a struct apart', () => {
    const node = nodeOf(spec);
    expect(childOf(node, 'replicas')).toMatchObject({ declared: true, required: true, node: { kind: 'leaf' } });
    expect(childOf(node, 'paused')).toMatchObject({ declared: true, required: false });
    expect(childOf(node, 'labels')).toMatchObject({ declared: true, required: false, node: { kind: 'map' } });
    expect(childOf(node, 'other')).toMatchObject({ declared: false, required: false });
  });

  it('answers the same for a key asked again, and the same for every key of a map', () => {
    const node = nodeOf(spec);
    expect(childOf(node, 'replicas')).toBe(childOf(node, 'replicas'));
    const labels = childOf(node, 'labels').node;
    expect(childOf(labels, 'app')).toBe(childOf(labels, 'tier'));
    expect(childOf(labels, 'app')).toMatchObject({ declared: false, required: false, node: { kind: 'leaf' } });
  });

  it('stays right for the undeclared keys of a loose object past the ones it keeps', () => {
    const node = nodeOf(loose);
    for (let i = 0; i < 1_000; i++) expect(childOf(node, `extra-${i}`).declared).toBe(false);
    expect(childOf(node, 'known')).toMatchObject({ declared: true, required: false });
    expect(childOf(node, 'extra-999').declared).toBe(false);
  });
});
