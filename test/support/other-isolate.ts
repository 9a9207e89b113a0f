// Helpers for tests that play "another API isolate": one writing straight into D1 through the store,
// with none of this isolate's memory (remembered rows, change tail), so its revisions are gaps here.
import { expect } from 'vitest';
import { type Db, dbOf } from '../../workers/api/src/store';
import type { TestStack } from '../harness';

/** The store as another API isolate has it: the same D1, no remembered rows, no change tail. */
export async function otherIsolateStore(stack: TestStack): Promise<Db> {
  return dbOf({ DB: (await stack.mf.getD1Database('DB', 'kubeflare-api')) as never, CHANGE_TAIL_MAX_BYTES: '0', WRITTEN_ROWS_MAX_BYTES: '0' });
}

/** A namespace with its `default` ServiceAccount, made by hand where no controllers run. */
export async function namespaceWithDefaultAccount(stack: TestStack, name: string): Promise<void> {
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name } })).status).toBe(201);
  expect((await stack.client.post(`/api/v1/namespaces/${name}/serviceaccounts`, { metadata: { name: 'default' } })).status).toBe(201);
}
