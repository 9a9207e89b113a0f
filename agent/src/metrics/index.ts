// The agent's metrics part: collect pod and node usage, push it to the API (metrics.k8s.io).
import type { AgentContext, AgentPart } from '../main';
import { MetricsCollector } from './collector';
import { DEFAULT_PUSH_INTERVAL_MS, MetricsPusher } from './pusher';

export { MetricsCollector, type NodeSample } from './collector';
export { MetricsPusher, metricsPath, DEFAULT_PUSH_INTERVAL_MS } from './pusher';
export { nanocores, cpuQuantity, memoryQuantity, windowText } from './rate';
export { parseMeminfo, parseProcStat, readHostUsage } from './host';

/** The default metrics part of an agent: the runtime's containers of this node, every metricsPushSeconds. */
export function defaultMetricsPush(ctx: AgentContext): AgentPart {
  const seconds = ctx.config.metricsPushSeconds ?? DEFAULT_PUSH_INTERVAL_MS / 1000;
  if (seconds <= 0) return { start() {}, stop() {} };
  const intervalMs = seconds * 1000;
  const collector = new MetricsCollector({ runtime: ctx.runtime, nodeName: ctx.nodeName });
  const pusher = new MetricsPusher({ api: ctx.api, nodeName: ctx.nodeName, collect: () => collector.collect(), intervalMs, log: ctx.log });
  return { start: () => pusher.start(), stop: () => pusher.stop() };
}
