// Pod logs, exec and port-forward through the node tunnel, end to end: the real kubectl against the
// local stack in workerd, the agent's tunnel client running in this process with a stub runtime.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTunnel, type Tunnel } from '../agent/src/tunnel/client';
import { writeKubeconfig } from '../local/kubeconfig';
import { registerToken } from '../local/tokens';
import { eventually } from './eventually';
import { type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';
import { StubRuntime, stubLocator } from './pod-streams-support';

let stack: TestStack;
let kubectl: Kubectl;
let viewerKubectl: Kubectl;
let tunnel: Tunnel;
let echo: net.Server;
let echoPort = 0;
const runtime = new StubRuntime();
const logs: string[] = [];

const pod = (name: string, nodeName: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'main', image: 'busybox' }] },
});

beforeAll(async () => {
  stack = await startTestStack();
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, 'node-a-token', 'system:node:node-a', ['system:nodes'], 'test node a');
  await registerToken(db as never, 'node-b-token', 'system:node:node-b', ['system:nodes'], 'test node b');
  await registerToken(db as never, 'viewer-token', 'vera', [], 'test viewer');
  const c = stack.client;
  expect((await c.post('/api/v1/nodes', { metadata: { name: 'node-a' } })).status).toBe(201);
  expect((await c.post('/api/v1/namespaces/default/pods', pod('web', 'node-a'))).status).toBe(201);
  expect((await c.post('/api/v1/namespaces/default/pods', pod('lonely', 'node-b'))).status).toBe(201);
  // kubectl port-forward insists on a Running pod.
  expect((await c.patch('/api/v1/namespaces/default/pods/web/status', { status: { phase: 'Running' } })).status).toBe(200);
  const rb = {
    metadata: { name: 'vera-view' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: 'vera', apiGroup: 'rbac.authorization.k8s.io' }],
  };
  expect((await c.post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', rb)).status).toBe(201);
  kubectl = new Kubectl(stack.kubeconfig);
  const viewerConfig = join(stack.stateDir, 'viewer-kubeconfig');
  writeKubeconfig(viewerConfig, stack.url, stack.caPem, 'viewer-token');
  viewerKubectl = new Kubectl(viewerConfig);
  tunnel = startTunnel({
    serverUrl: stack.url,
    caPem: stack.caPem,
    token: 'node-a-token',
    nodeName: 'node-a',
    runtime: runtime.asRuntime(),
    locator: stubLocator('default', 'web'),
    log: (msg, fields) => logs.push(`${msg} ${JSON.stringify(fields ?? {})}`),
  });
  await tunnel.connected();
  echo = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoPort = (echo.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await tunnel?.close();
  echo?.close();
  kubectl?.close();
  viewerKubectl?.close();
  await stack?.close();
});

describe('kubectl logs', () => {
  it('prints the container log, its tail, timestamps and the previous instance', async () => {
    const all = await kubectl.run(['logs', 'web']);
    expect(all.stderr).toBe('');
    expect(all.stdout).toBe('line-1\nline-2\nline-3\n');
    expect((await kubectl.run(['logs', 'web', '--tail=1'])).stdout).toBe('line-3\n');
    expect((await kubectl.run(['logs', 'web', '-c', 'main', '--timestamps', '--tail=1'])).stdout).toBe('2026-11-26T10:00:00.000000000Z line-3\n');
    expect((await kubectl.run(['logs', 'web', '--previous'])).stdout).toBe('previous-1\n');
    expect((await kubectl.run(['logs', 'web', '--since=1h'])).stdout).toBe('line-1\nline-2\nline-3\n');
    expect((await kubectl.run(['logs', 'web', '--limit-bytes=8'])).stdout).toBe('line-1\nl');
  });

  it('refuses an unknown container and bad options with upstream messages', async () => {
    const bad = await kubectl.run(['logs', 'web', '-c', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('container nope is not valid for pod web');
    const neg = await stack.client.get('/api/v1/namespaces/default/pods/web/log?tailLines=-1');
    expect(neg.status).toBe(422);
    expect(neg.json.message).toContain('tailLines: Invalid value: -1: must be greater than or equal to 0');
  });

  it('follows: a line written after kubectl started arrives', async () => {
    const follow = kubectl.background(['logs', '-f', 'web']);
    try {
      await follow.waitFor((l) => l === 'line-3', 20_000);
      runtime.append('c-main', 'late-line');
      await follow.waitFor((l) => l === 'late-line', 20_000);
    } finally {
      await follow.kill();
    }
    expect(follow.lines).toContain('late-line');
    // The client went away: the runtime notices on its next write to the body, and the tunnel stream
    // (with the agent's log reader) ends then.
    let n = 0;
    await eventually(async () => {
      if ((await tunnelStats()).streams === 0) return true;
      runtime.append('c-main', `after-kill-${n++}`);
      return undefined;
    }, 20_000, 'the follow stream to close');
  });

  it('measures time to the first log byte', async () => {
    const started = performance.now();
    const firstByte = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest(new URL('/api/v1/namespaces/default/pods/web/log?follow=true', stack.url), { headers: { Authorization: `Bearer ${stack.token}` }, ca: stack.caPem }, (res) => {
        res.once('data', () => {
          resolve(performance.now() - started);
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    console.log(`[pod-streams] time to first log byte: ${firstByte.toFixed(1)} ms`);
    expect(firstByte).toBeGreaterThan(0);
  });
});

describe('kubectl exec', () => {
  it('propagates stdout and the exit code', async () => {
    const ok = await kubectl.run(['exec', 'web', '--', 'echo', 'hello', 'world']);
    expect(ok).toMatchObject({ code: 0, stdout: 'hello world\n' });
    const failed = await kubectl.run(['exec', 'web', '--', 'fail', '3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('failing as asked');
    expect(failed.stderr).toContain('command terminated with exit code 3');
  });

  it('feeds stdin with -i', async () => {
    const out = await runWithStdin(['exec', '-i', 'web', '--', 'cat'], 'from stdin\nsecond line\n');
    expect(out).toMatchObject({ code: 0, stdout: 'from stdin\nsecond line\n' });
  });

  it('attaches to the main process', async () => {
    const out = await runWithStdin(['attach', '-i', 'web'], 'attached input\n');
    expect(out.stdout).toContain('attached input');
  });

  it('streams 10 MB of stdout (throughput)', async () => {
    const size = 10 * 1024 * 1024;
    const started = performance.now();
    const out = await kubectl.run(['exec', 'web', '--', 'bytes', String(size)], 120_000);
    const seconds = (performance.now() - started) / 1000;
    expect(out.code).toBe(0);
    expect(out.stdout.length).toBe(size);
    console.log(`[pod-streams] exec stdout 10 MiB in ${seconds.toFixed(2)} s = ${(size / seconds / 1e6).toFixed(1)} MB/s`);
  });

  it('speaks v4.channel.k8s.io to a client that offers only it', async () => {
    const url = `${stack.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/web/exec?command=echo&command=v4&stdout=true&stderr=true`;
    const ws = new WebSocket(url, ['v4.channel.k8s.io'], { ca: stack.caPem, headers: { Authorization: `Bearer ${stack.token}` } });
    const messages: Buffer[] = [];
    ws.on('message', (m) => messages.push(m as Buffer));
    await new Promise<void>((resolve, reject) => {
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    expect(messages.filter((m) => m[0] === 1).map((m) => m.subarray(1).toString()).join('')).toBe('v4\n');
    const status = messages.find((m) => m[0] === 3)!;
    expect(JSON.parse(status.subarray(1).toString())).toEqual({ metadata: {}, status: 'Success' });
  });

  it('forbids a user without pods/exec, in upstream wording', async () => {
    const denied = await viewerKubectl.run(['exec', 'web', '--', 'echo', 'hi']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain('pods "web" is forbidden: User "vera" cannot create resource "pods/exec" in API group "" in the namespace "default"');
  });
});

describe('kubectl port-forward', () => {
  it('forwards a local port to the pod over the tunnel', async () => {
    const pf = kubectl.background(['port-forward', 'pod/web', `0:${echoPort}`]);
    try {
      const line = await pf.waitFor((l) => /Forwarding from 127\.0\.0\.1:\d+/.test(l), 30_000);
      const local = Number(/127\.0\.0\.1:(\d+)/.exec(line)![1]);
      expect(await roundTrip(local, 'ping over spdy\n')).toBe('ping over spdy\n');
      expect(await roundTrip(local, 'second connection\n')).toBe('second connection\n');
    } finally {
      await pf.kill();
    }
  });
});

describe('the tunnel', () => {
  it('answers upstream-like when the pod\'s node has no tunnel', async () => {
    const res = await stack.client.get('/api/v1/namespaces/default/pods/lonely/log');
    expect(res.status).toBe(500);
    expect(res.json.message).toMatch(/^error dialing backend: .*node "node-b"/);
    const out = await kubectl.run(['exec', 'lonely', '--', 'echo', 'x']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('error dialing backend');
  });

  it('reports a command the runtime cannot start', async () => {
    const out = await kubectl.run(['exec', 'web', '--', 'no-such-command']);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('executable file not found');
  });

  it('lets only the node itself open its tunnel', async () => {
    expect(await tunnelStatus('node-b-token')).toBe(403);
    expect(await tunnelStatus(stack.token)).toBe(403);
    expect(await tunnelStatus('not-a-token')).toBe(401);
  });
});

async function tunnelStats(): Promise<{ connected: boolean; streams: number }> {
  const ns = await stack.mf.getDurableObjectNamespace('NODE_TUNNEL', 'kubeflare-api');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const stub = ns.get(ns.idFromName('node-a')) as any;
  return stub.stats();
}

function tunnelStatus(token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${stack.url.replace('https', 'wss')}/apis/kubeflare.dev/v1/nodes/node-a/tunnel`, { ca: stack.caPem, headers: { Authorization: `Bearer ${token}` } });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => reject(e));
  });
}

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    s.setEncoding('utf8');
    s.on('data', (d) => {
      got += d;
      if (got.length >= text.length) {
        s.end();
        resolve(got);
      }
    });
    s.on('error', reject);
  });
}

/** kubectl with a stdin we write and then close (Kubectl.run has no stdin). */
function runWithStdin(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'kubectl-stdin-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', stack.kubeconfig, '--cache-dir', join(home, 'cache'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(input);
    child.on('exit', (code) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
