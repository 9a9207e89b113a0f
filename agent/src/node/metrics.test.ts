import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AgentMetrics, countingFetch, serveMetrics } from './metrics';

function get(port: number, path: string): Promise<{ status: number; text: string; type?: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, type: res.headers['content-type'] }));
    })
      .on('error', reject)
      .end();
  });
}

describe('agent metrics', () => {
  it('counts API responses by code, failures as <error>', async () => {
    const m = new AgentMetrics();
    let fail = false;
    const f = countingFetch(async () => {
      if (fail) throw new Error('ECONNREFUSED');
      return new Response('{}', { status: 201 });
    }, m);
    await f(new Request('https://x/'));
    await f(new Request('https://x/'));
    fail = true;
    await expect(f(new Request('https://x/'))).rejects.toThrow('ECONNREFUSED');
    expect(Object.fromEntries(m.apiRequests)).toEqual({ '201': 2, '<error>': 1 });
  });

  it('serves the Prometheus text format on /metrics', async () => {
    const m = new AgentMetrics();
    m.heartbeats = 7;
    m.pods = () => 3;
    m.countResponse('200');
    const server = await serveMetrics('127.0.0.1:0', m);
    try {
      const res = await get(server.port, '/metrics');
      expect(res.status).toBe(200);
      expect(res.type).toContain('text/plain; version=0.0.4');
      expect(res.text).toContain('kubeflare_agent_heartbeats_total 7\n');
      expect(res.text).toContain('kubeflare_agent_pods 3\n');
      expect(res.text).toContain('kubeflare_agent_api_requests_total{code="200"} 1\n');
      expect(res.text).toMatch(/^process_resident_memory_bytes \d+$/m);
      expect(res.text).toMatch(/^process_cpu_seconds_total [\d.e-]+$/m);
      expect((await get(server.port, '/other')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
