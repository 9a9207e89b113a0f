// A DaemonSet on `nodes` simulated nodes: apply → numberAvailable = desiredNumberScheduled = nodes.
import type { KObject } from '../../workers/kube/registry/types';
import { type Log, until, withSimStack } from './sim-phase';

export function measureDaemonSet(opts: { nodes: number; limitMs: number; log: Log }): Promise<{ nodes: number; seconds: number }> {
  return withSimStack({ nodes: opts.nodes, log: opts.log }, async ({ api }) => {
    const path = '/apis/apps/v1/namespaces/default/daemonsets';
    const labels = { app: 'agent' };
    type DsStatus = { desiredNumberScheduled?: number; numberAvailable?: number; currentNumberScheduled?: number; numberReady?: number };
    const status = async () => ((await api.get<KObject>(`${path}/agent`)).status ?? {}) as DsStatus;
    let last = -1;
    const t = performance.now();
    await api.create(path, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'agent', image: 'busybox', resources: { requests: { cpu: '5m', memory: '8Mi' } } }] } } },
    });
    const seconds = await until(
      'DaemonSet available everywhere',
      async () => {
        const s = await status();
        const n = s.numberAvailable ?? 0;
        if (Math.floor(n / 100) !== Math.floor(last / 100)) opts.log(`  ${n} available of ${s.desiredNumberScheduled ?? '?'} at ${((performance.now() - t) / 1000).toFixed(1)} s`);
        last = n;
        return s.desiredNumberScheduled === opts.nodes && n === opts.nodes;
      },
      opts.limitMs,
      async () => opts.log(`  daemonset status at the limit: ${JSON.stringify(await status().catch(() => ({})))}`),
    ).catch((e: Error) => {
      throw new Error(`${e.message} (${last} of ${opts.nodes} available by then)`);
    });
    return { nodes: opts.nodes, seconds };
  });
}
