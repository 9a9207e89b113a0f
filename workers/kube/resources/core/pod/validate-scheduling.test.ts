import { describe, it, expect } from 'vitest';
import { FieldErrors } from '../../../validation/field-errors';
import { podSpec, validatePodSpec, type PodSpec } from './spec';

const check = (extra: object) => {
  const spec = podSpec.parse({ containers: [{ name: 'a', image: 'x' }], ...extra }) as PodSpec;
  const errs = new FieldErrors();
  validatePodSpec(spec, 'spec', errs);
  return Object.fromEntries(errs.causes.map((c) => [c.field, c.message]));
};

describe('pod placement validation', () => {
  it('checks node affinity operators and values', () => {
    const out = check({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }, { key: 'gpu', operator: 'Has' }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
        },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'a' } }, topologyKey: '' }] },
      },
    });
    const p = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions';
    expect(Object.keys(out).sort()).toEqual(
      [
        `${p}[0].values`,
        `${p}[1].operator`,
        'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      ].sort(),
    );
  });

  it('checks tolerations like upstream', () => {
    const out = check({
      tolerations: [
        { operator: 'Equal', value: 'x' },
        { key: 'k', operator: 'Exists', value: 'v' },
        { key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 },
      ],
    });
    expect(out).toEqual({
      'spec.tolerations[0].operator': 'Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].operator': 'Invalid value: "v": value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[2].effect': 'Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    });
  });

  it('checks node selector labels', () => {
    expect(Object.keys(check({ nodeSelector: { 'bad key!': 'x' } }))).toEqual(['spec.nodeSelector']);
  });
});
