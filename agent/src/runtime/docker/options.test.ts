// Spec → create-body mappings, without an engine.
import { describe, expect, it } from 'vitest';
import { LABELS, type ContainerSpec, type SandboxSpec } from '../types';
import { containerCreateOptions } from './container-options';
import { sandboxCreateOptions } from './sandbox-options';

const sandbox = (o: Partial<SandboxSpec> = {}): SandboxSpec => ({
  podUid: 'u1',
  podName: 'web',
  podNamespace: 'prod',
  hostname: 'web',
  hostNetwork: false,
  portMappings: [],
  labels: {},
  ...o,
});

const container = (o: Partial<ContainerSpec> = {}): ContainerSpec => ({
  sandboxId: 'sb1',
  name: 'app',
  image: 'img',
  env: [],
  mounts: [],
  labels: {},
  ...o,
});

describe('sandboxCreateOptions', () => {
  it('labels the sandbox, publishes ports and writes DNS and host aliases', () => {
    const o = sandboxCreateOptions(
      sandbox({
        network: 'podnet',
        portMappings: [
          { containerPort: 80, hostPort: 8080, protocol: 'TCP', hostIP: '127.0.0.1' },
          { containerPort: 53, hostPort: 5353, protocol: 'UDP' },
        ],
        dns: { servers: ['10.96.0.10'], searches: ['prod.svc.cluster.local'], options: ['ndots:5'] },
        hostAliases: [{ ip: '1.2.3.4', hostnames: ['a', 'b'] }],
      }),
      { image: 'pause', nodeName: 'n1' },
    );
    expect(o.Image).toBe('pause');
    expect(o.Hostname).toBe('web');
    expect(o.Labels).toMatchObject({
      [LABELS.managed]: 'true',
      [LABELS.podUid]: 'u1',
      [LABELS.podName]: 'web',
      [LABELS.podNamespace]: 'prod',
      [LABELS.containerKind]: 'sandbox',
      [LABELS.container]: 'sandbox',
      [LABELS.nodeName]: 'n1',
    });
    expect(o.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostPort: '8080', HostIp: '127.0.0.1' }], '53/udp': [{ HostPort: '5353' }] });
    expect(o.HostConfig?.NetworkMode).toBe('podnet');
    expect(o.HostConfig?.Dns).toEqual(['10.96.0.10']);
    expect(o.HostConfig?.DnsSearch).toEqual(['prod.svc.cluster.local']);
    expect(o.HostConfig?.DnsOptions).toEqual(['ndots:5']);
    expect(o.HostConfig?.ExtraHosts).toEqual(['a:1.2.3.4', 'b:1.2.3.4']);
    expect(o.name).toMatch(/^k8s_POD_web_prod_u1_0_[0-9a-f]{6}$/);
  });

  it('uses the host network and hostname for a hostNetwork pod', () => {
    const o = sandboxCreateOptions(sandbox({ hostNetwork: true, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }), { image: 'p' });
    expect(o.HostConfig?.NetworkMode).toBe('host');
    expect(o.HostConfig?.UTSMode).toBe('host');
    expect(o.Hostname).toBeUndefined();
    expect(o.HostConfig?.PortBindings).toBeUndefined();
  });
});

describe('containerCreateOptions', () => {
  const sandboxLabels = { [LABELS.podUid]: 'u1', [LABELS.podName]: 'web', [LABELS.podNamespace]: 'prod', [LABELS.containerKind]: 'sandbox' };

  it('joins the sandbox namespaces and maps resources, security and mounts', () => {
    const o = containerCreateOptions(
      container({
        command: ['sh', '-c'],
        args: ['echo hi'],
        workingDir: '/w',
        env: [{ name: 'A', value: 'x=y' }],
        mounts: [
          { type: 'bind', hostPath: '/h/data', containerPath: '/data', readOnly: true },
          { type: 'bind', hostPath: '/h/rw', containerPath: '/rw' },
          { type: 'tmpfs', containerPath: '/scratch', sizeBytes: 1048576 },
        ],
        labels: { [LABELS.attempt]: '2', [LABELS.containerKind]: 'init' },
        tty: true,
        stdin: true,
        resources: { memoryLimitBytes: 64 << 20, nanoCpus: 5e8, cpuShares: 512, pidsLimit: 100 },
        security: { user: '1000:1000', privileged: false, readOnlyRootfs: true, capAdd: ['NET_ADMIN'], capDrop: ['ALL'], noNewPrivileges: true },
      }),
      sandboxLabels,
      { init: true, joinUts: true },
    );
    expect(o.Entrypoint).toEqual(['sh', '-c']);
    expect(o.Cmd).toEqual(['echo hi']);
    expect(o.Env).toEqual(['A=x=y']);
    expect(o.WorkingDir).toBe('/w');
    expect(o.Tty).toBe(true);
    expect(o.OpenStdin).toBe(true);
    expect(o.User).toBe('1000:1000');
    expect(o.Labels).toMatchObject({
      [LABELS.managed]: 'true',
      [LABELS.container]: 'app',
      [LABELS.containerKind]: 'init',
      [LABELS.attempt]: '2',
      [LABELS.podUid]: 'u1',
    });
    const h = o.HostConfig!;
    expect([h.NetworkMode, h.IpcMode, h.UTSMode]).toEqual(['container:sb1', 'container:sb1', 'container:sb1']);
    expect(h.Init).toBe(true);
    expect(h.Binds).toEqual(['/h/data:/data:ro', '/h/rw:/rw']);
    expect(h.Tmpfs).toEqual({ '/scratch': 'rw,size=1048576' });
    expect([h.Memory, h.MemorySwap, h.NanoCpus, h.CpuShares, h.PidsLimit]).toEqual([64 << 20, 64 << 20, 5e8, 512, 100]);
    expect([h.Privileged, h.ReadonlyRootfs]).toEqual([false, true]);
    expect(h.CapAdd).toEqual(['NET_ADMIN']);
    expect(h.CapDrop).toEqual(['ALL']);
    expect(h.SecurityOpt).toEqual(['no-new-privileges']);
    expect(o.name).toMatch(/^k8s_app_web_prod_u1_2_[0-9a-f]{6}$/);
  });

  it('keeps the image entrypoint and defaults kind/attempt for a plain container', () => {
    const o = containerCreateOptions(container(), sandboxLabels, { init: false, joinUts: false });
    expect(o.Entrypoint).toBeUndefined();
    expect(o.Cmd).toBeUndefined();
    expect(o.HostConfig?.UTSMode).toBeUndefined();
    expect(o.HostConfig?.Init).toBe(false);
    expect(o.Labels).toMatchObject({ [LABELS.containerKind]: 'regular', [LABELS.attempt]: '0' });
    expect(o.Labels?.[LABELS.containerKind]).not.toBe('sandbox');
  });

  it('refuses a bind mount without a host path', () => {
    expect(() => containerCreateOptions(container({ mounts: [{ type: 'bind', containerPath: '/x' }] }), {}, { init: true, joinUts: true })).toThrow(
      /bind mount at \/x of container app has no hostPath/,
    );
  });
});
