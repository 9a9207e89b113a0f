// Test topology built from network namespaces, so real packets go through real rules without touching
// the host: a "node" namespace with a bridge for pods and a link to a "client" namespace outside it.
// Every namespace is recorded as it is made, and destroy() removes them all (also after a failure).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function sh(...argv: string[]): Promise<string> {
  const { stdout } = await run(argv[0], argv.slice(1), { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

export const inNs = (ns: string, ...argv: string[]) => sh('ip', 'netns', 'exec', ns, ...argv);

export interface Pod {
  ns: string;
  ip: string;
}

export class NetnsLab {
  readonly prefix = `kf-test-${randomBytes(3).toString('hex')}`;
  readonly node = `${this.prefix}-node`;
  readonly client = `${this.prefix}-client`;
  /** The node's address on the link to the client (what NodePorts and LoadBalancers answer on). */
  readonly nodeIP = '192.168.77.1';
  readonly clientIP = '192.168.77.2';
  private readonly made: string[] = [];
  private readonly children: ChildProcess[] = [];

  async create(): Promise<void> {
    await this.addNs(this.node);
    await this.addNs(this.client);
    const n = (...a: string[]) => inNs(this.node, ...a);
    await n('ip', 'link', 'set', 'lo', 'up');
    await n('ip', 'link', 'add', 'br0', 'type', 'bridge');
    await n('ip', 'addr', 'add', '10.244.0.1/24', 'dev', 'br0');
    await n('ip', 'link', 'set', 'br0', 'up');
    await n('ip', 'link', 'add', 'uplink', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', this.client);
    await n('ip', 'addr', 'add', `${this.nodeIP}/24`, 'dev', 'uplink');
    await n('ip', 'link', 'set', 'uplink', 'up');
    // Service addresses are routed like any off-node address: through the default route.
    await n('ip', 'route', 'add', 'default', 'via', this.clientIP);
    await n('sysctl', '-qw', 'net.ipv4.ip_forward=1');
    const c = (...a: string[]) => inNs(this.client, ...a);
    await c('ip', 'link', 'set', 'lo', 'up');
    await c('ip', 'addr', 'add', `${this.clientIP}/24`, 'dev', 'eth0');
    await c('ip', 'link', 'set', 'eth0', 'up');
    await c('ip', 'route', 'add', 'default', 'via', this.nodeIP);
  }

  /** A pod namespace on the node bridge with address 10.244.0.<n>. */
  async addPod(n: number): Promise<Pod> {
    const ns = `${this.prefix}-pod${n}`;
    await this.addNs(ns);
    const ip = `10.244.0.${n}`;
    await inNs(this.node, 'ip', 'link', 'add', `vpod${n}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    await inNs(this.node, 'ip', 'link', 'set', `vpod${n}`, 'master', 'br0', 'up');
    // With br_netfilter (loaded here), a pod's packet DNATed back to that same pod is bridged straight
    // out of the port it came in on: allowed only in hairpin mode, which CNI bridges turn on too.
    await inNs(this.node, 'ip', 'link', 'set', `vpod${n}`, 'type', 'bridge_slave', 'hairpin', 'on');
    await inNs(ns, 'ip', 'link', 'set', 'lo', 'up');
    await inNs(ns, 'ip', 'addr', 'add', `${ip}/24`, 'dev', 'eth0');
    await inNs(ns, 'ip', 'link', 'set', 'eth0', 'up');
    await inNs(ns, 'ip', 'route', 'add', 'default', 'via', '10.244.0.1');
    return { ns, ip };
  }

  /** Starts a long-running process in `ns`; it is stopped (by its PID) in destroy(). */
  async start(ns: string, argv: string[], readyLine: string): Promise<ChildProcess> {
    const child = spawn('ip', ['netns', 'exec', ns, ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.children.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes(readyLine)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`${argv.join(' ')} exited (${code}) before it was ready`)));
    });
    return child;
  }

  async destroy(): Promise<void> {
    for (const c of this.children) if (c.exitCode === null && c.pid) c.kill('SIGKILL');
    await Promise.all(this.children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    for (const ns of this.made.reverse()) await sh('ip', 'netns', 'del', ns).catch(() => undefined);
  }

  private async addNs(name: string): Promise<void> {
    await sh('ip', 'netns', 'add', name);
    this.made.push(name);
  }
}

/** A TCP server that answers every connection with `name` and the client's address, then closes. */
export const SERVER_JS = `
const net = require('node:net');
const [name, port] = process.argv.slice(-2);
net.createServer((s) => s.end(name + ' ' + s.remoteAddress + '\\n')).listen(Number(port), '0.0.0.0', () => console.log('ready'));
`;

/** A UDP server that answers every datagram with `name`. */
export const UDP_SERVER_JS = `
const dgram = require('node:dgram');
const [name, port] = process.argv.slice(-2);
const s = dgram.createSocket('udp4');
s.on('message', (m, r) => s.send(name, r.port, r.address));
s.bind(Number(port), '0.0.0.0', () => console.log('ready'));
`;

/** Sends \`count\` datagrams, each from a new socket (a new flow), and prints the replies as JSON. */
export const UDP_CLIENT_JS = `
const dgram = require('node:dgram');
const [host, port, count] = process.argv.slice(-3);
(async () => {
  const out = [];
  for (let i = 0; i < Number(count); i++) {
    out.push(await new Promise((resolve) => {
      const s = dgram.createSocket('udp4');
      const t = setTimeout(() => { s.close(); resolve('TIMEOUT'); }, 2000);
      s.on('message', (m) => { clearTimeout(t); s.close(); resolve(String(m)); });
      s.on('error', (e) => { clearTimeout(t); s.close(); resolve(e.code); });
      s.send('hi', Number(port), host);
    }));
  }
  console.log(JSON.stringify(out));
})();
`;

/**
 * Opens \`count\` connections one after another from a given source address (or any) and prints a JSON
 * array with each reply's first word, or the error code.
 */
export const CLIENT_JS = `
const net = require('node:net');
const [host, port, count, local] = process.argv.slice(-4);
(async () => {
  const out = [];
  for (let i = 0; i < Number(count); i++) {
    out.push(await new Promise((resolve) => {
      const s = net.connect({ host, port: Number(port), ...(local !== '-' ? { localAddress: local } : {}) });
      let data = '';
      s.setTimeout(3000, () => { s.destroy(); resolve('TIMEOUT'); });
      s.on('data', (d) => (data += d));
      s.on('end', () => resolve(data.trim().split(' ')[0]));
      s.on('error', (e) => resolve(e.code));
    }));
  }
  console.log(JSON.stringify(out));
})();
`;
