// Pod creates with a fixed number of concurrent clients, each request timed; a warm-up first so the
// isolate's caches (tokens, RBAC snapshot, registry) are built before anything is measured.
import { makePod } from '../api/pod';
import { type Endpoint, call } from '../api/http-client';
import { type Summary, now, summarize } from '../api/stats';
import { isSocketError } from './policy';

export interface LoadResult extends Summary {
  failed: number;
  firstError?: string;
}

export async function createPods(ep: Endpoint, namespace: string, prefix: string, count: number, clients: number): Promise<LoadResult> {
  const samples: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const name = `${prefix}-${i}`;
        const body = JSON.stringify(makePod(namespace, name, i));
        const send = () => call(ep, 'POST', `/api/v1/namespaces/${namespace}/pods`, body, { 'Content-Type': 'application/json' });
        // A keep-alive socket the server closed while idle fails before any response: sent again, timed anew.
        const r = await send().catch((e) => (isSocketError(e) ? send() : Promise.reject(e)));
        if (r.status === 201) samples.push(r.bodyMs);
        else {
          failed++;
          firstError ??= `${r.status} ${r.text.slice(0, 300)}`;
        }
      }
    }),
  );
  return { ...summarize(samples, now() - t0), failed, firstError };
}
