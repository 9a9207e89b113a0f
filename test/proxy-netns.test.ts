// Real packets through the rendered rules: a node namespace with two pod namespaces on a bridge and a
// client namespace outside, all made by this test and removed afterwards. Nothing on the host changes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRules, checkNft, removeRules } from '../agent/src/proxy/apply';
import { renderDelta } from '../agent/src/proxy/delta';
import { buildModel, LINEAR_PICK_MAX, type RuleModel } from '../agent/src/proxy/model';
import { printFull, renderRules } from '../agent/src/proxy/render';
import { ep, slice, svc } from '../agent/src/proxy/fixtures.testing';
import { CLIENT_JS, inNs, NetnsLab, type Pod, SERVER_JS, UDP_CLIENT_JS, UDP_SERVER_JS } from '../agent/src/proxy/netns.testing';
import type { EndpointSlice, Service } from '../agent/src/proxy/types';

const lab = new NetnsLab();
const dir = mkdtempSync(join(tmpdir(), 'kf-proxy-'));
let podA: Pod;
let podB: Pod;

const web = svc('web', { type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] });
const sticky = svc('sticky', { clusterIP: '10.96.0.11', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }, ports: [{ port: 80, targetPort: 8080 }] });
const empty = svc('empty', { clusterIP: '10.96.0.12', ports: [{ port: 80 }] });
const dns = svc('dns', { clusterIP: '10.96.0.53', ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 }] });
// More endpoints than LINEAR_PICK_MAX (2 pods × 9 ports, one slice per port), so its chain picks through one inline map.
const WIDE_PORTS = Array.from({ length: 9 }, (_, i) => 9000 + i);
const wide = svc('wide', { clusterIP: '10.96.0.14', ports: [{ port: 80 }] });
const wideSlices = () => WIDE_PORTS.map((port) => slice('wide', [{ port }], both(), `wide-${port}`));
/** One process answering on several ports, each with its name and port. */
const MULTI_SERVER_JS = `
const net = require('node:net');
const [name, ...ports] = process.argv.slice(2);
let up = 0;
for (const p of ports) net.createServer((s) => s.end(name + ':' + p + ' ' + s.remoteAddress + '\\n')).listen(Number(p), '0.0.0.0', () => ++up === ports.length && console.log('ready'));
`;
const both = () => [ep(podA.ip, 'node-a'), ep(podB.ip, 'node-a')];
const slices = (): EndpointSlice[] => [
  slice('web', [{ name: 'http', port: 8080 }], both()),
  slice('sticky', [{ port: 8080 }], both()),
  slice('dns', [{ name: 'dns', port: 5353, protocol: 'UDP' }], both()),
];

let current: RuleModel | null = null;

/** Applies like the ServiceProxy does: the first time whole, then only the changes. */
async function apply(services: Service[], endpointSlices: EndpointSlice[]) {
  const next = buildModel({ nodeName: 'node-a', nodeIPs: [lab.nodeIP], services, endpointSlices });
  await applyRules((current && renderDelta(current, next)) ?? printFull(next), { netns: lab.node });
  current = next;
}

/** The table as nft reports it, in an order-free form: rules per chain, sorted elements per map. */
async function tableState(): Promise<string> {
  const { nftables } = JSON.parse(await inNs(lab.node, 'nft', '-j', 'list', 'table', 'ip', 'kubeflare')) as { nftables: Record<string, any>[] };
  const parts: string[] = [];
  for (const item of nftables) {
    if (item.rule) parts.push(`rule ${item.rule.chain} ${JSON.stringify(item.rule.expr)}`);
    else if (item.chain) parts.push(`chain ${item.chain.name} ${item.chain.hook ?? ''}`);
    else if (item.map) parts.push(`map ${item.map.name} ${(item.map.elem ?? []).map((e: unknown) => JSON.stringify(e)).sort().join(' ')}`);
    else if (item.set) parts.push(`set ${item.set.name} ${item.set.timeout ?? ''} ${(item.set.elem ?? []).map((e: unknown) => JSON.stringify(e)).sort().join(' ')}`);
  }
  // Rules keep their order within a chain (a stable sort by chain name only).
  return parts.sort((a, b) => (a.split(' ')[1] < b.split(' ')[1] ? -1 : a.split(' ')[1] > b.split(' ')[1] ? 1 : 0)).join('\n');
}

/** Connects `count` times from namespace `ns` and returns each reply's pod name (or error code). */
async function connect(ns: string, host: string, port: number, count: number): Promise<string[]> {
  return JSON.parse(await inNs(ns, process.execPath, join(dir, 'client.cjs'), host, String(port), String(count), '-')) as string[];
}

beforeAll(async () => {
  writeFileSync(join(dir, 'server.cjs'), SERVER_JS);
  writeFileSync(join(dir, 'client.cjs'), CLIENT_JS);
  writeFileSync(join(dir, 'udp-server.cjs'), UDP_SERVER_JS);
  writeFileSync(join(dir, 'udp-client.cjs'), UDP_CLIENT_JS);
  writeFileSync(join(dir, 'multi-server.cjs'), MULTI_SERVER_JS);
  await lab.create();
  await checkNft({ netns: lab.node });
  podA = await lab.addPod(2);
  podB = await lab.addPod(3);
  await lab.start(podA.ns, [process.execPath, join(dir, 'server.cjs'), 'podA', '8080'], 'ready');
  await lab.start(podB.ns, [process.execPath, join(dir, 'server.cjs'), 'podB', '8080'], 'ready');
  await lab.start(podA.ns, [process.execPath, join(dir, 'udp-server.cjs'), 'podA', '5353'], 'ready');
  await lab.start(podB.ns, [process.execPath, join(dir, 'udp-server.cjs'), 'podB', '5353'], 'ready');
  await lab.start(podA.ns, [process.execPath, join(dir, 'multi-server.cjs'), 'podA', ...WIDE_PORTS.map(String)], 'ready');
  await lab.start(podB.ns, [process.execPath, join(dir, 'multi-server.cjs'), 'podB', ...WIDE_PORTS.map(String)], 'ready');
  await apply([web, sticky, empty, dns, wide], [...slices(), ...wideSlices()]);
});

afterAll(async () => {
  await lab.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('service proxy in network namespaces', () => {
  it('spreads ClusterIP connections from the node over both endpoints', async () => {
    const replies = await connect(lab.node, '10.96.0.10', 80, 24);
    expect(new Set(replies)).toEqual(new Set(['podA', 'podB']));
  });

  it('answers a NodePort on the node address, from the node and from a client outside', async () => {
    expect(new Set(await connect(lab.client, lab.nodeIP, 30080, 24))).toEqual(new Set(['podA', 'podB']));
    expect(new Set(await connect(lab.node, lab.nodeIP, 30080, 24))).toEqual(new Set(['podA', 'podB']));
  });

  it(`spreads a Service with more than ${LINEAR_PICK_MAX} endpoints over them through one inline map`, async () => {
    expect(await inNs(lab.node, 'nft', 'list', 'chain', 'ip', 'kubeflare', 'cluster-default/wide/tcp/80')).toContain(`numgen random mod ${2 * WIDE_PORTS.length} map {`);
    const replies = await connect(lab.node, '10.96.0.14', 80, 120);
    // Every reply is an endpoint (pod:port); with 18 equally likely, 120 picks reach well over half of them.
    expect(replies.every((r) => /^pod[AB]:90\d\d$/.test(r))).toBe(true);
    expect(new Set(replies).size).toBeGreaterThan(WIDE_PORTS.length);
  });

  it('balances UDP flows to a UDP Service port', async () => {
    const replies = JSON.parse(await inNs(lab.node, process.execPath, join(dir, 'udp-client.cjs'), '10.96.0.53', '53', '24')) as string[];
    expect(new Set(replies)).toEqual(new Set(['podA', 'podB']));
  });

  it('masquerades NodePort traffic so the pod sees the node, not the client', async () => {
    const raw = await inNs(lab.client, 'busybox', 'nc', lab.nodeIP, '30080');
    expect(raw.trim().split(' ')[1]).toBe('10.244.0.1');
  });

  it('rejects a Service with no endpoints at once (connection refused, not a timeout)', async () => {
    expect(await connect(lab.node, '10.96.0.12', 80, 2)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    // From a pod the reject happens in the forward hook.
    expect(await connect(podA.ns, '10.96.0.12', 80, 1)).toEqual(['ECONNREFUSED']);
  });

  it('lets a pod reach the Service, itself included (hairpin, masqueraded)', async () => {
    expect(new Set(await connect(podA.ns, '10.96.0.10', 80, 24))).toEqual(new Set(['podA', 'podB']));
  });

  it('masquerades only the hairpin: a pod sent back to itself sees the bridge, another pod sees the client pod', async () => {
    // The @hairpin lookup in postrouting matches source == destination after DNAT, nothing wider.
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const [name, from] = (await inNs(podA.ns, 'busybox', 'nc', '10.96.0.10', '80')).trim().split(' ');
      seen.set(name, (seen.get(name) ?? new Set()).add(from));
    }
    expect(seen.get('podA')).toEqual(new Set(['10.244.0.1']));
    expect(seen.get('podB')).toEqual(new Set([podA.ip]));
  });

  it('keeps a client on one endpoint with sessionAffinity ClientIP', async () => {
    const fromNode = await connect(lab.node, '10.96.0.11', 80, 12);
    expect(new Set(fromNode).size).toBe(1);
    expect(['podA', 'podB']).toContain(fromNode[0]);
    const fromClient = await connect(lab.client, '10.96.0.11', 80, 12);
    expect(new Set(fromClient).size).toBe(1);
  });

  it('follows endpoint changes: down to one, to none (rejected), and back', async () => {
    await apply([web, sticky, empty], [slice('web', [{ name: 'http', port: 8080 }], [ep(podB.ip, 'node-a')])]);
    expect(new Set(await connect(lab.node, '10.96.0.10', 80, 8))).toEqual(new Set(['podB']));
    await apply([web, sticky, empty], []);
    expect(await connect(lab.node, '10.96.0.10', 80, 1)).toEqual(['ECONNREFUSED']);
    await apply([web, sticky, empty], slices());
    expect(new Set(await connect(lab.node, '10.96.0.10', 80, 24))).toEqual(new Set(['podA', 'podB']));
  });

  it('keeps the previous rules when a script is refused (the apply is one transaction)', async () => {
    const broken = renderRules({ nodeName: 'node-a', nodeIPs: [lab.nodeIP], services: [empty], endpointSlices: [] }).replace('reject-chain {', 'reject-chain {\n    this is not nft');
    await expect(applyRules(broken, { netns: lab.node })).rejects.toThrow(/nft -f failed/);
    expect(new Set(await connect(lab.node, '10.96.0.10', 80, 24))).toEqual(new Set(['podA', 'podB']));
  });

  it('programs 1,000 Services, changes one endpoint incrementally to the same state a full load gives, and removes the table', async () => {
    const world = (perService: number, changed?: number) => {
      const services: Service[] = [web];
      const endpointSlices: EndpointSlice[] = [...slices()];
      for (let i = 0; i < 1000; i++) {
        services.push(svc(`s${i}`, { clusterIP: `10.97.${i >> 8}.${i & 255}`, ports: [{ port: 80 }] }));
        const eps = Array.from({ length: perService }, (_, k) => ep(`10.${100 + (k >> 2)}.${i >> 6}.${((i & 63) << 2) + (k & 3)}`));
        if (i === changed) eps[0] = ep('10.250.0.1');
        endpointSlices.push(slice(`s${i}`, [{ port: 8080 }], eps));
      }
      return { nodeName: 'node-a', nodeIPs: [lab.nodeIP], services, endpointSlices };
    };
    const timings: string[] = [];
    for (const perService of [3, 10]) {
      const t0 = performance.now();
      const full = buildModel(world(perService));
      const script = printFull(full);
      const t1 = performance.now();
      await applyRules(script, { netns: lab.node });
      const t2 = performance.now();
      const next = buildModel(world(perService, 500));
      const delta = renderDelta(full, next)!;
      const t3 = performance.now();
      await applyRules(delta, { netns: lab.node });
      const t4 = performance.now();
      timings.push(
        `1000 services x ${perService} endpoints: full script ${(script.length / 1024).toFixed(0)} KiB rendered in ${(t1 - t0).toFixed(0)} ms, applied in ${(t2 - t1).toFixed(0)} ms; ` +
          `one endpoint change: ${delta.split('\n').length - 1} commands rendered in ${(t3 - t2).toFixed(0)} ms, applied in ${(t4 - t3).toFixed(0)} ms`,
      );
      expect(delta.length).toBeLessThan(2000);
      if (perService === 3) {
        // Listing a table this size as JSON is slow: compare states at the smaller size only.
        const afterDelta = await tableState();
        await applyRules(printFull(next), { netns: lab.node });
        expect(afterDelta).toBe(await tableState());
        expect(afterDelta).toContain('10.250.0.1');
      }
    }
    console.log(timings.map((t) => `[proxy] ${t}`).join('\n'));
    const listed = await inNs(lab.node, 'nft', 'list', 'map', 'ip', 'kubeflare', 'service-ips');
    expect(listed.match(/ : goto /g)?.length).toBe(1001);
    expect(new Set(await connect(lab.node, '10.96.0.10', 80, 24))).toEqual(new Set(['podA', 'podB']));

    await removeRules('kubeflare', { netns: lab.node });
    await removeRules('kubeflare', { netns: lab.node }); // idempotent
    expect(await inNs(lab.node, 'nft', 'list', 'tables')).not.toContain('kubeflare');
  });
});
