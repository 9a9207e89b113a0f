// Facts about this host that the Node object reports. Reading them is I/O (host()); turning raw inputs
// into Kubernetes names (architecture, address, OS image) is pure so it can be tested with tables.
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';

export interface HostFacts {
  hostname: string;
  cpus: number;
  memoryBytes: number;
  /** Free memory now (for MemoryPressure). */
  memoryAvailableBytes: number;
  /** Size and free space of the filesystem holding stateDir; undefined when it cannot be read. */
  disk?: { totalBytes: number; availableBytes: number };
  internalIP?: string;
  operatingSystem: string;
  architecture: string;
  kernelVersion: string;
  osImage: string;
  machineID: string;
  bootID: string;
}

/** Node's `process.arch` → GOARCH naming, which node labels and nodeInfo use. */
export function goArch(arch: string): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };
  return map[arch] ?? arch;
}

/** The first non-internal IPv4 address, in interface order (as the kubelet picks without --node-ip). */
export function firstIPv4(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string | undefined {
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** PRETTY_NAME from /etc/os-release text (quotes removed), or a fallback. */
export function prettyName(osRelease: string | undefined, fallback: string): string {
  const m = osRelease ? /^PRETTY_NAME=(.*)$/m.exec(osRelease) : null;
  if (!m) return fallback;
  return m[1].trim().replace(/^(["'])(.*)\1$/, '$2');
}

const readOr = (path: string, fallback: string) => readFile(path, 'utf8').then((s) => s.trim(), () => fallback);

export interface HostOptions {
  stateDir: string;
  /** A configured InternalIP wins over the detected one. */
  nodeIP?: string;
}

export async function readHostFacts(opts: HostOptions): Promise<HostFacts> {
  const [osRelease, machineID, bootID, disk] = await Promise.all([
    readOr('/etc/os-release', ''),
    readOr('/etc/machine-id', ''),
    readOr('/proc/sys/kernel/random/boot_id', ''),
    statfs(opts.stateDir).then(
      (s) => ({ totalBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize }),
      () => undefined,
    ),
  ]);
  return {
    hostname: os.hostname().toLowerCase(),
    cpus: os.cpus().length || 1,
    memoryBytes: os.totalmem(),
    memoryAvailableBytes: os.freemem(),
    disk,
    internalIP: opts.nodeIP ?? firstIPv4(os.networkInterfaces()),
    operatingSystem: os.platform(),
    architecture: goArch(process.arch),
    kernelVersion: os.release(),
    osImage: prettyName(osRelease, `${os.type()} ${os.release()}`),
    machineID,
    bootID,
  };
}
