// A pod's containers share the sandbox's network and UTS namespaces (real podman).
import { createServer } from 'node:net';
import { hostname as nodeHostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../../test/eventually';
import { startPodmanFixture, text, type PodmanFixture } from './testing';

// Real containers on a shared 2-core machine: allow for load (no test asserts on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let f: PodmanFixture;
beforeAll(async () => {
  f = await startPodmanFixture();
}, 120_000);
afterAll(async () => {
  await f?.cleanup();
}, 120_000);

const HTTPD = ['sh', '-c', 'mkdir -p /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 8080 -h /www'];
const FETCH = 'for i in $(seq 1 100); do wget -q -O - http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1';

async function finished(id: string) {
  return eventually(async () => {
    const s = await f.runtime.containerStatus(id);
    return s?.state === 'exited' ? s : undefined;
  }, 30_000, `container ${id} to exit`);
}

async function output(id: string): Promise<string> {
  const logs = await f.runtime.logs(id, {});
  const [out] = await Promise.all([text(logs.stdout), text(logs.stderr)]);
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

describe('pod network', () => {
  it('gives the sandbox an IP and lets its containers talk over localhost with a shared hostname', async () => {
    const sb = await f.runtime.runSandbox(f.sandbox({ hostname: 'web-0' }));
    expect(sb.state).toBe('ready');
    expect(sb.ips.length).toBeGreaterThan(0);
    expect(sb.ips[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const server = await f.runtime.createContainer(f.container(sb.id, { name: 'server', command: HTTPD }));
    await f.runtime.startContainer(server);
    const client = await f.runtime.createContainer(f.container(sb.id, { name: 'client', command: ['sh', '-c', `hostname; ${FETCH}`] }));
    await f.runtime.startContainer(client);

    const done = await finished(client);
    expect(done.exitCode).toBe(0);
    expect(await output(client)).toBe('web-0\nhello-from-httpd\n');
  });

  it('puts every container in the sandbox network, IPC and UTS namespaces', async () => {
    const sb = await f.runtime.runSandbox(f.sandbox());
    const NS = 'for n in net ipc uts; do readlink /proc/self/ns/$n; done';
    const inSandbox = await f.runtime.exec(sb.id, { cmd: ['sh', '-c', NS], tty: false, stdin: false, stdout: true, stderr: true });
    const [expected] = await Promise.all([text(inSandbox.stdout), text(inSandbox.stderr)]);
    expect(expected).toMatch(/^net:\[\d+\]\nipc:\[\d+\]\nuts:\[\d+\]\n$/);
    for (const name of ['one', 'two']) {
      const id = await f.runtime.createContainer(f.container(sb.id, { name, command: ['sh', '-c', NS] }));
      await f.runtime.startContainer(id);
      await finished(id);
      expect(await output(id)).toBe(expected);
    }
  });

  it('writes DNS settings and host aliases into the pod', async () => {
    const sb = await f.runtime.runSandbox(
      f.sandbox({
        dns: { servers: ['10.96.0.10'], searches: ['test.svc.cluster.local', 'svc.cluster.local'], options: ['ndots:5'] },
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['alias-one.local', 'alias-two.local'] }],
      }),
    );
    const id = await f.runtime.createContainer(f.container(sb.id, { command: ['sh', '-c', 'cat /etc/resolv.conf /etc/hosts'] }));
    await f.runtime.startContainer(id);
    await finished(id);
    const out = await output(id);
    expect(out).toContain('nameserver 10.96.0.10');
    expect(out).toMatch(/search test\.svc\.cluster\.local svc\.cluster\.local/);
    expect(out).toContain('options ndots:5');
    expect(out).toMatch(/10\.1\.2\.3\s+alias-one\.local/);
    expect(out).toMatch(/10\.1\.2\.3\s+alias-two\.local/);
  });

  it('publishes hostPorts on the sandbox', async () => {
    const hostPort = await freePort();
    const sb = await f.runtime.runSandbox(
      f.sandbox({ portMappings: [{ containerPort: 8080, hostPort, protocol: 'TCP', hostIP: '127.0.0.1' }] }),
    );
    const server = await f.runtime.createContainer(f.container(sb.id, { name: 'server', command: HTTPD }));
    await f.runtime.startContainer(server);
    const body = await eventually(async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${hostPort}/`);
        return res.ok ? await res.text() : undefined;
      } catch {
        return undefined;
      }
    }, 20_000, 'the published port to answer');
    expect(body).toBe('hello-from-httpd\n');
  });

  it('runs a hostNetwork pod in the node namespaces: no pod IP, the node hostname', async () => {
    const sb = await f.runtime.runSandbox(f.sandbox({ hostNetwork: true }));
    expect(sb.state).toBe('ready');
    expect(sb.ips).toEqual([]);
    const id = await f.runtime.createContainer(f.container(sb.id, { command: ['hostname'] }));
    await f.runtime.startContainer(id);
    expect((await finished(id)).exitCode).toBe(0);
    expect((await output(id)).trim()).toBe(nodeHostname());
  });
});
