import { describe, expect, it } from 'vitest';
import type { KObject } from '../registry/types';
import { StatusError } from '../status';
import { apply, owners, spec, T1, T2, webConfig, written } from './fixtures.test-helpers';

const csaCreated = () => written(undefined, webConfig({ replicas: 3 }), 'kubectl-client-side-apply');

function thrown(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('apply conflicts with other managers', () => {
  const cases = [
    {
      name: 'a different replicas than the client-side applier set is one conflict naming that manager and version',
      config: webConfig({ replicas: 5 }),
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
    },
    {
      name: 'several conflicts are grouped under their manager, one line per field',
      config: webConfig({ replicas: 5, image: 'nginx:1.28' }),
      message:
        'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
      causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
        { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.template.spec.containers[name="nginx"].image' },
      ],
    },
  ];
  it.each(cases)('$name', ({ config, message, causes }) => {
    const err = thrown(() => apply(csaCreated(), config, 'kubectl'));
    expect(err.toStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 });
  });

  it('another applier is named without a version', () => {
    const first = apply(undefined, webConfig({ replicas: 2 }), 'ci').object;
    expect(thrown(() => apply(first, webConfig({ replicas: 4 }), 'other')).message).toBe('Apply failed with 1 conflict: conflict with "ci": .spec.replicas');
  });

  it('applying the value already there shares ownership instead of conflicting', () => {
    const { object } = apply(csaCreated(), webConfig({ replicas: 3 }), 'kubectl', { time: T1 });
    expect(owners(object)['kubectl/Apply']).toContain('"f:replicas":{}');
    expect(owners(object)['kubectl-client-side-apply/Update']).toContain('"f:replicas":{}');
  });

  it('force takes the contested fields from their owner and writes the new value', () => {
    const { object } = apply(csaCreated(), webConfig({ replicas: 5 }), 'kubectl', { force: true, time: T1 });
    expect(spec(object).replicas).toBe(5);
    expect(owners(object)['kubectl/Apply']).toContain('"f:replicas":{}');
    expect(owners(object)['kubectl-client-side-apply/Update']).not.toContain('"f:replicas"');
  });
});

describe('fields a manager stops applying', () => {
  it('are removed from the object when nobody else owns them', () => {
    const first = apply(undefined, webConfig({ labels: { app: 'web', tier: 'front' }, replicas: 2 }), 'kubectl').object;
    const { object } = apply(first, webConfig({ labels: { app: 'web' } }), 'kubectl', { time: T1 });
    expect(object.metadata.labels).toEqual({ app: 'web' });
    expect(spec(object).replicas).toBeUndefined();
    expect(owners(object)['kubectl/Apply']).not.toContain('tier');
  });

  it('stay when another manager also owns them', () => {
    const a = apply(undefined, webConfig({ labels: { app: 'web', tier: 'front' } }), 'a').object;
    const both = apply(a, webConfig({ labels: { app: 'web', tier: 'front' } }), 'b', { time: T1 }).object;
    const { object } = apply(both, webConfig({ labels: { app: 'web' } }), 'a', { time: T2 });
    expect(object.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(owners(object)['a/Apply']).not.toContain('tier');
    expect(owners(object)['b/Apply']).toContain('"f:tier":{}');
  });

  it('take a whole list item when the applier owned the item itself', () => {
    const two = webConfig();
    two.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox', ports: [] });
    const first = apply(undefined, two, 'kubectl').object;
    const { object } = apply(first, webConfig(), 'kubectl', { time: T1 });
    expect(spec(object).template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('do not touch fields the applier never applied (defaults, other writers)', () => {
    const first = apply(csaCreated(), webConfig({ replicas: 3 }), 'kubectl', { time: T1 }).object;
    const { object } = apply(first, webConfig(), 'kubectl', { time: T2 });
    // replicas stays: kubectl-client-side-apply still owns it.
    expect(spec(object).replicas).toBe(3);
    expect((object.spec as { strategy?: unknown }).strategy).toBeDefined();
  });
});

describe('merging lists by their list type', () => {
  it('map lists merge items by key, keeping live-only items in place and adding new ones', () => {
    const live = csaCreated();
    const config = webConfig({ replicas: 3 });
    config.spec.template.spec.containers = [{ name: 'sidecar', image: 'busybox', ports: [] }];
    const { object } = apply(live, config, 'kubectl', { time: T1 });
    const containers = spec(object).template.spec.containers;
    expect(containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.27'], ['sidecar', 'busybox']]);
    expect(containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(owners(object)['kubectl/Apply']).toContain('"f:containers":{"k:{\\"name\\":\\"sidecar\\"}":{".":{},"f:image":{},"f:name":{}}}');
  });

  it('set lists (finalizers) take the union and the applier owns only its values', () => {
    const live = written(undefined, { ...webConfig(), metadata: { ...webConfig().metadata, finalizers: ['a.example.com/keep'] } }, 'kubectl-create');
    const config = { ...webConfig(), metadata: { ...webConfig().metadata, finalizers: ['b.example.com/mine'] } };
    const { object } = apply(live, config, 'ctl', { time: T1 });
    expect(object.metadata.finalizers).toEqual(['a.example.com/keep', 'b.example.com/mine']);
    expect(owners(object)['ctl/Apply']).toContain('"f:finalizers":{"v:\\"b.example.com/mine\\"":{}}');
    expect(owners(object)['kubectl-create/Update']).toContain('"v:\\"a.example.com/keep\\"":{}');
  });

  const withArgs = (args: string[]) => {
    const c = webConfig();
    (c.spec.template.spec.containers[0] as Record<string, unknown>).args = args;
    return c;
  };
  it('atomic lists are replaced whole and owned as one field', () => {
    const first = apply(undefined, withArgs(['--a', '--b']), 'kubectl').object;
    const { object } = apply(first, withArgs(['--c']), 'kubectl', { time: T1 });
    expect(spec(object).template.spec.containers[0].args).toEqual(['--c']);
    expect(owners(object)['kubectl/Apply']).toContain('"f:args":{}');
  });

  it('an atomic list another manager owns conflicts as a single field', () => {
    const first = apply(undefined, withArgs(['--a']), 'one').object;
    expect(thrown(() => apply(first, withArgs(['--b']), 'two')).message).toBe(
      'Apply failed with 1 conflict: conflict with "one": .spec.template.spec.containers[name="nginx"].args',
    );
  });
});

describe('creating and re-applying', () => {
  it('creating through apply gives the applier every field it sent', () => {
    const { object, managedFields, changed } = apply(undefined, webConfig({ replicas: 2 }), 'kubectl');
    expect(changed).toBe(true);
    expect(managedFields).toHaveLength(1);
    expect(managedFields[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1' });
    const { metadata, ...rest } = object;
    const { managedFields: _m, ...meta } = metadata;
    expect({ ...rest, metadata: meta }).toEqual(webConfig({ replicas: 2 }));
  });

  it('applying the same configuration again changes nothing, not even the entry time', () => {
    const first = apply(undefined, webConfig({ replicas: 2 }), 'kubectl').object;
    const again = apply(first, webConfig({ replicas: 2 }), 'kubectl', { time: T2 });
    expect(again.changed).toBe(false);
    expect(again.managedFields).toEqual(first.metadata.managedFields);
  });

  it('the main resource ignores status in the configuration and /status applies own only status', () => {
    const withStatus = { ...webConfig(), status: { replicas: 9 } };
    const created = apply(undefined, withStatus, 'kubectl').object;
    expect(created.status).toBeUndefined();
    const { object, managedFields } = apply(created, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 1 } }, 'ctrl', {
      subresource: 'status',
      time: T1,
    });
    expect(object.status).toEqual({ replicas: 1 });
    expect(object.spec).toEqual(created.spec);
    expect(managedFields.find((e) => e.manager === 'ctrl')).toMatchObject({ subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } });
  });

  it('a configuration listing the same container twice is rejected as invalid', () => {
    const config = webConfig();
    config.spec.template.spec.containers.push({ name: 'nginx', image: 'x', ports: [] });
    const err = thrown(() => apply(undefined as KObject | undefined, config, 'kubectl'));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="nginx"]',
    );
  });
});
