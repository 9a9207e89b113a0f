import { describe, expect, it } from 'vitest';
import { applyPodDefaults, forbiddenText, LIMIT_RANGER_ANNOTATION, validateClaim, validatePod, type LimitRangeItem } from '.';

const container = (name: string, requests?: Record<string, string>, limits?: Record<string, string>) => ({ name, resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } });

describe('LimitRange defaults', () => {
  const items: LimitRangeItem[] = [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }];

  it('fills unset requests and limits of containers and init containers, and says so in an annotation', () => {
    const pod = { metadata: {}, spec: { containers: [container('app', { cpu: '200m' })], initContainers: [container('init')] } };
    expect(applyPodDefaults(pod as never, [items])).toBe(true);
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(pod.spec.initContainers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect((pod.metadata as { annotations: Record<string, string> }).annotations[LIMIT_RANGER_ANNOTATION]).toBe(
      'LimitRanger plugin set: memory request for container app; cpu, memory limit for container app; cpu, memory request for init container init; cpu, memory limit for init container init',
    );
  });

  it('leaves a pod that states everything alone', () => {
    const pod = { metadata: {}, spec: { containers: [container('app', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] } };
    expect(applyPodDefaults(pod as never, [items])).toBe(false);
    expect(pod.metadata).toEqual({});
  });

  it('ignores Pod and PersistentVolumeClaim items', () => {
    const pod = { metadata: {}, spec: { containers: [container('app')] } };
    expect(applyPodDefaults(pod as never, [[{ type: 'Pod', max: { cpu: '2' } }]])).toBe(false);
  });
});

describe('LimitRange checks', () => {
  it.each([
    { name: 'limit over the container max', items: [{ type: 'Container', max: { cpu: '1' } }], c: container('a', { cpu: '500m' }, { cpu: '2' }), want: ['maximum cpu usage per Container is 1, but limit is 2'] },
    { name: 'no limit under a container max', items: [{ type: 'Container', max: { memory: '1Gi' } }], c: container('a', { memory: '1Mi' }), want: ['maximum memory usage per Container is 1Gi.  No limit is specified'] },
    { name: 'request under the container min', items: [{ type: 'Container', min: { cpu: '100m' } }], c: container('a', { cpu: '50m' }, { cpu: '1' }), want: ['minimum cpu usage per Container is 100m, but request is 50m'] },
    { name: 'no request under a min', items: [{ type: 'Container', min: { cpu: '100m' } }], c: container('a'), want: ['minimum cpu usage per Container is 100m.  No request is specified'] },
    { name: 'ratio over the maximum', items: [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }], c: container('a', { cpu: '100m' }, { cpu: '500m' }), want: ['cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000'] },
    { name: 'within every bound', items: [{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } }], c: container('a', { cpu: '250m' }, { cpu: '1' }), want: [] },
    { name: 'pod total over the pod max', items: [{ type: 'Pod', max: { cpu: '1' } }], c: container('a', { cpu: '600m' }, { cpu: '600m' }), two: true, want: ['maximum cpu usage per Pod is 1, but limit is 1200m'] },
  ])('$name', ({ items, c, two, want }) => {
    const containers = two ? [c, { ...c, name: 'b' }] : [c];
    expect(validatePod({ containers } as never, items as LimitRangeItem[])).toEqual(want);
  });

  it('holds claims to min and max of their storage request', () => {
    const items: LimitRangeItem[] = [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } }];
    expect(validateClaim({ resources: { requests: { storage: '20Gi' } } }, items)).toEqual(['maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi']);
    expect(validateClaim({ resources: { requests: { storage: '500Mi' } } }, items)).toEqual(['minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi']);
    expect(validateClaim({ resources: { requests: { storage: '5Gi' } } }, items)).toEqual([]);
  });

  it('joins several messages as upstream aggregates them', () => {
    expect(forbiddenText(['a'])).toBe('a');
    expect(forbiddenText(['a', 'b'])).toBe('[a, b]');
  });
});
