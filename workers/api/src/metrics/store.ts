// MetricsStore: the Durable Object holding every node's latest usage sample in memory. Metrics are
// ephemeral and rewritten every push, so they never touch D1 or the change log (metrics-server keeps
// them in memory too). One instance (idFromName('metrics')) serves the cluster for now; at thousands of
// nodes the samples would be sharded by node name across several instances (future work).
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import type { NodeSample, StoredSample } from './sample';
import { DEFAULT_MAX_AGE_MS, SampleTable } from './sample-table';

export const METRICS_STORE_NAME = 'metrics';

export class MetricsStore extends DurableObject<Env> {
  private readonly table: SampleTable;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const seconds = Number(env.METRICS_MAX_AGE_SECONDS);
    this.table = new SampleTable(seconds > 0 ? seconds * 1000 : DEFAULT_MAX_AGE_MS);
  }

  put(nodeName: string, sample: NodeSample): void {
    this.table.put(nodeName, sample, Date.now());
  }

  read(nodeName?: string): StoredSample[] {
    return this.table.read(Date.now(), nodeName);
  }

  forget(nodeNames: string[]): void {
    this.table.forget(nodeNames);
  }
}

export function metricsStore(env: Env): DurableObjectStub<MetricsStore> {
  return env.METRICS.get(env.METRICS.idFromName(METRICS_STORE_NAME));
}
