import { describe, expect, it } from 'vitest';
import { kindByKey } from '../resources/kinds';
import { accessReview, deleteOptions, parseReplicas, scalable } from './access';

describe('access and actions', () => {
  it('asks about exactly the verb, resource, subresource and object', () => {
    expect(accessReview({ verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'default', name: 'web' })).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'default', name: 'web' } },
    });
    expect(accessReview({ verb: 'delete', group: '', resource: 'nodes', name: 'n1' }).spec.resourceAttributes).toEqual({ verb: 'delete', group: '', resource: 'nodes', name: 'n1' });
  });

  it('offers scale only for kinds with a scale subresource', () => {
    expect(scalable(kindByKey('deployments.apps')!)).toBe(true);
    expect(scalable(kindByKey('statefulsets.apps')!)).toBe(true);
    expect(scalable(kindByKey('daemonsets.apps')!)).toBe(false);
    expect(scalable(kindByKey('pods')!)).toBe(false);
  });

  it('validates a replica count', () => {
    expect(parseReplicas(' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseReplicas('0')).toEqual({ ok: true, value: 0 });
    expect(parseReplicas('-1').ok).toBe(false);
    expect(parseReplicas('2.5').ok).toBe(false);
    expect(parseReplicas('99999999999').ok).toBe(false);
  });

  it('builds delete options with the cascade choice', () => {
    expect(deleteOptions('Orphan')).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Orphan' });
  });
});
