// The agent's own health in Prometheus text format (GET /metrics on metricsAddress, loopback by default,
// like the kubelet's and kube-proxy's metrics ports). Only counters the agent keeps anyway; no library.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher } from '../../../workers/kube/client';

export class AgentMetrics {
  readonly apiRequests = new Map<string, number>();
  heartbeats = 0;
  /** Pods this node runs now (the kubelet reports it through a callback). */
  pods: () => number = () => 0;

  countResponse(code: string): void {
    this.apiRequests.set(code, (this.apiRequests.get(code) ?? 0) + 1);
  }

  render(): string {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const lines = [
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
      '# HELP nodejs_heap_size_used_bytes V8 heap in use, in bytes.',
      '# TYPE nodejs_heap_size_used_bytes gauge',
      `nodejs_heap_size_used_bytes ${mem.heapUsed}`,
      '# HELP nodejs_heap_size_total_bytes V8 heap reserved, in bytes.',
      '# TYPE nodejs_heap_size_total_bytes gauge',
      `nodejs_heap_size_total_bytes ${mem.heapTotal}`,
      '# HELP nodejs_external_memory_bytes Memory of C++ objects bound to JavaScript (buffers), in bytes.',
      '# TYPE nodejs_external_memory_bytes gauge',
      `nodejs_external_memory_bytes ${mem.external}`,
      '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
      '# HELP kubeflare_agent_api_requests_total Requests to the API server by HTTP status code ("<error>": no response).',
      '# TYPE kubeflare_agent_api_requests_total counter',
      ...[...this.apiRequests].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `kubeflare_agent_api_requests_total{code="${code}"} ${n}`),
      '# HELP kubeflare_agent_heartbeats_total Successful node Lease renewals.',
      '# TYPE kubeflare_agent_heartbeats_total counter',
      `kubeflare_agent_heartbeats_total ${this.heartbeats}`,
      '# HELP kubeflare_agent_pods Pods bound to this node that the agent runs.',
      '# TYPE kubeflare_agent_pods gauge',
      `kubeflare_agent_pods ${this.pods()}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}

/** Wraps a fetch so that every API response (or failure) is counted by status code. */
export function countingFetch(fetch: Fetcher, metrics: AgentMetrics): Fetcher {
  return async (request) => {
    try {
      const res = await fetch(request);
      metrics.countResponse(String(res.status));
      return res;
    } catch (e) {
      metrics.countResponse('<error>');
      throw e;
    }
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves /metrics on "host:port" (port 0 picks a free one). */
export function serveMetrics(address: string, metrics: AgentMetrics): Promise<MetricsServer> {
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const port = Number(address.slice(i + 1));
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}
