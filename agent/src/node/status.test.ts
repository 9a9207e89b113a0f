import { describe, expect, it } from 'vitest';
import type { ImageInfo } from '../runtime/types';
import { firstIPv4, goArch, prettyName, type HostFacts } from './host';
import { allocatableOf, capacityOf, desiredConditions, nodeImages, nodeObject, nodeStatus, shouldReport, statusKey, withTimes, type NodeInputs } from './status';

const GiB = 1024 ** 3;
const facts = (over: Partial<HostFacts> = {}): HostFacts => ({
  hostname: 'host-a',
  cpus: 4,
  memoryBytes: 8 * GiB,
  memoryAvailableBytes: 4 * GiB,
  disk: { totalBytes: 100 * GiB, availableBytes: 50 * GiB },
  internalIP: '10.0.0.5',
  operatingSystem: 'linux',
  architecture: 'amd64',
  kernelVersion: '6.1.0-18-amd64',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  machineID: 'm1',
  bootID: 'b1',
  ...over,
});
const runtime = { name: 'podman', version: '4.3.1', apiVersion: '1.41', runtimeVersion: 'podman://4.3.1' };
const inputs = (over: Partial<NodeInputs> = {}): NodeInputs => ({ nodeName: 'n1', facts: facts(), runtime, images: [], ...over });
const image = (tag: string, size: number): ImageInfo => ({ id: `sha256:${tag}`, repoTags: [tag], repoDigests: [], sizeBytes: size });

describe('host facts', () => {
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['ia32', '386'],
    ['mips', 'mips'],
  ])('names %s as %s', (node, go) => expect(goArch(node)).toBe(go));

  it('picks the first non-internal IPv4 address', () => {
    const lo = { address: '127.0.0.1', family: 'IPv4', internal: true } as never;
    const v6 = { address: 'fe80::1', family: 'IPv6', internal: false } as never;
    const eth = { address: '192.168.1.9', family: 'IPv4', internal: false } as never;
    expect(firstIPv4({ lo: [lo], eth0: [v6, eth] })).toBe('192.168.1.9');
    expect(firstIPv4({ lo: [lo] })).toBeUndefined();
  });

  it('reads PRETTY_NAME from os-release', () => {
    expect(prettyName('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n', 'x')).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(prettyName('NAME=x', 'Linux 6.1')).toBe('Linux 6.1');
  });
});

describe('node status', () => {
  it('reports capacity from the host and subtracts the eviction thresholds from allocatable', () => {
    expect(capacityOf(facts())).toEqual({ cpu: '4', memory: `${8 * 1024 * 1024}Ki`, pods: '110', 'ephemeral-storage': `${100 * 1024 * 1024}Ki` });
    expect(allocatableOf(facts())).toMatchObject({ memory: `${8 * 1024 * 1024 - 100 * 1024}Ki`, 'ephemeral-storage': `${90 * 1024 * 1024}Ki`, cpu: '4' });
  });

  it('is Ready with no pressure on a healthy host, with upstream reasons', () => {
    expect(desiredConditions(inputs()).map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    expect(desiredConditions(inputs())[3].message).toBe('kubelet is posting ready status');
  });

  it('reports pressure below the thresholds and NotReady without a runtime', () => {
    const low = inputs({ runtime: undefined, facts: facts({ memoryAvailableBytes: 50 * 1024 * 1024, disk: { totalBytes: 100, availableBytes: 5 } }) });
    const byType = Object.fromEntries(desiredConditions(low).map((c) => [c.type, c]));
    expect(byType.MemoryPressure).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory' });
    expect(byType.DiskPressure).toMatchObject({ status: 'True', reason: 'KubeletHasDiskPressure' });
    expect(byType.Ready).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' });
  });

  it('keeps lastTransitionTime while a condition holds and moves it when the status flips', () => {
    const first = withTimes(desiredConditions(inputs()), undefined, Date.parse('2026-01-01T00:00:00Z'));
    const same = withTimes(desiredConditions(inputs()), first, Date.parse('2026-01-01T00:00:10Z'));
    expect(same[3]).toMatchObject({ lastHeartbeatTime: '2026-01-01T00:00:10Z', lastTransitionTime: '2026-01-01T00:00:00Z' });
    const flipped = withTimes(desiredConditions(inputs({ runtime: undefined })), same, Date.parse('2026-01-01T00:00:20Z'));
    expect(flipped[3]).toMatchObject({ status: 'False', lastTransitionTime: '2026-01-01T00:00:20Z' });
    expect(flipped[0].lastTransitionTime).toBe('2026-01-01T00:00:00Z');
  });

  it('lists at most 50 images, largest first, without <none> names', () => {
    const many = Array.from({ length: 60 }, (_, i) => image(`img${i}:v1`, i));
    const out = nodeImages([...many, { id: 'x', repoTags: ['<none>:<none>'], repoDigests: [], sizeBytes: 1e9 }]);
    expect(out).toHaveLength(49);
    expect(out[0]).toEqual({ names: ['img59:v1'], sizeBytes: 59 });
  });

  it('fills nodeInfo, addresses and labels', () => {
    const node = nodeObject(inputs({ labels: { role: 'edge' } }), [{ key: 'k', effect: 'NoSchedule' }], Date.parse('2026-01-01T00:00:00Z'));
    expect(node.metadata.labels).toMatchObject({ role: 'edge', 'kubernetes.io/hostname': 'n1', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux' });
    expect(node.spec).toEqual({ taints: [{ key: 'k', effect: 'NoSchedule' }] });
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '10.0.0.5' },
      { type: 'Hostname', address: 'host-a' },
    ]);
    expect(node.status.nodeInfo).toMatchObject({ containerRuntimeVersion: 'podman://4.3.1', kubeletVersion: 'v1.32.4-kubeflare', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', bootID: 'b1' });
  });
});

describe('when to post the status', () => {
  const at = (s: number) => Date.parse('2026-01-01T00:00:00Z') + s * 1000;
  it('ignores a new heartbeat time but not a new image or condition', () => {
    const a = nodeStatus(inputs(), undefined, at(0));
    const b = nodeStatus(inputs(), a.conditions, at(10));
    expect(statusKey(b)).toBe(statusKey(a));
    expect(statusKey(nodeStatus(inputs({ images: [image('x:1', 5)] }), a.conditions, at(10)))).not.toBe(statusKey(a));
    expect(statusKey(nodeStatus(inputs({ runtime: undefined }), a.conditions, at(10)))).not.toBe(statusKey(a));
  });

  it('posts when changed, or when the last report is older than the report frequency', () => {
    expect(shouldReport(undefined, 'k', at(0), 300_000)).toBe(true);
    expect(shouldReport({ key: 'k', at: at(0) }, 'k', at(290), 300_000)).toBe(false);
    expect(shouldReport({ key: 'k', at: at(0) }, 'k', at(300), 300_000)).toBe(true);
    expect(shouldReport({ key: 'k', at: at(0) }, 'k2', at(10), 300_000)).toBe(true);
  });
});
