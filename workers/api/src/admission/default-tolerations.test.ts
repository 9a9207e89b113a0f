import { describe, expect, it } from 'vitest';
import { TAINT_NOT_READY as NR, TAINT_UNREACHABLE as U, withDefaultTolerations } from './default-tolerations';
import { pickGlobalDefault } from './priority';

describe('default toleration seconds', () => {
  const brief = (ts: { key?: string; effect?: string; tolerationSeconds?: number }[]) => ts.map((t) => `${t.key ?? '*'}:${t.effect ?? '*'}:${t.tolerationSeconds ?? '-'}`);
  it.each([
    { name: 'none: both added', given: [], want: [`${NR}:NoExecute:300`, `${U}:NoExecute:60`] },
    { name: 'own unreachable kept, not-ready added', given: [{ key: U, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }], want: [`${U}:NoExecute:5`, `${NR}:NoExecute:300`] },
    { name: 'an empty key tolerates both', given: [{ operator: 'Exists' }], want: ['*:*:-'] },
    { name: 'a NoSchedule toleration does not count', given: [{ key: NR, operator: 'Exists', effect: 'NoSchedule' }], want: [`${NR}:NoSchedule:-`, `${NR}:NoExecute:300`, `${U}:NoExecute:60`] },
  ])('$name', ({ given, want }) => expect(brief(withDefaultTolerations(given, 300, 60))).toEqual(want));
});

describe('global default PriorityClass', () => {
  const pc = (name: string, value: number, globalDefault?: boolean) => ({ metadata: { name }, value, globalDefault });
  it('is the lowest-valued class marked default', () => expect(pickGlobalDefault([pc('a', 10, true), pc('b', 5, true), pc('c', 1)])?.metadata.name).toBe('b'));
  it('is absent when none is marked', () => expect(pickGlobalDefault([pc('a', 10)])).toBeUndefined());
});
