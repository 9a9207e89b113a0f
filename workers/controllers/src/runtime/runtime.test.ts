import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import { ControllerRuntime } from './runtime';
import type { ControllerSpec } from './types';

/** An API that records which resources' changes were asked for, and has none. */
function fakeApi() {
  const asked: string[] = [];
  const api = {
    async list() {
      return { metadata: { resourceVersion: '10' }, items: [] };
    },
    async get(path: string) {
      asked.push(decodeURIComponent(/resource=([^&]+)/.exec(path)![1]));
      return { metadata: { resourceVersion: '10', more: false }, items: [] };
    },
  };
  return { api: api as unknown as ApiClient, asked };
}

const spec: ControllerSpec = {
  name: 'test',
  watches: [
    { resource: 'apps/deployments', listPath: '/apis/apps/v1/deployments' },
    { resource: 'pods', listPath: '/api/v1/pods' },
    { resource: 'coordination.k8s.io/leases', listPath: '/apis/coordination.k8s.io/v1/leases', poke: false },
  ],
  keysFor: () => [],
  reconcile: async () => undefined,
};

describe('a controller round', () => {
  it('lists everything first, then reads only poked resources and those that never poke', async () => {
    const { api, asked } = fakeApi();
    const rt = new ControllerRuntime(spec, api);
    await rt.run();
    expect(asked).toEqual([]); // the first round lists instead
    rt.markDirty('pods');
    await rt.run();
    expect(asked).toEqual(['pods', 'coordination.k8s.io/leases']);
    asked.length = 0;
    await rt.run();
    expect(asked).toEqual(['coordination.k8s.io/leases']);
  });

  it('reads every followed resource after a poll (markDirty without a resource)', async () => {
    const { api, asked } = fakeApi();
    const rt = new ControllerRuntime(spec, api);
    await rt.run();
    rt.markDirty();
    await rt.run();
    expect(asked).toEqual(['apps/deployments', 'pods', 'coordination.k8s.io/leases']);
  });
});
