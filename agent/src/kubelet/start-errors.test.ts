import { describe, expect, it } from 'vitest';
import { LABELS } from '../runtime/types';
import { ctr, harnessPerTest, podOf, type Harness } from './testing/harness';

const newHarness = harnessPerTest();
let h: Harness | undefined;

const dockerConfig = (registry: string, user: string, pass: string) => ({
  metadata: { name: 'regcred', namespace: 'default' },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths: { [registry]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } })).toString('base64') },
});

describe('Kubelet start failures', () => {
  it('reports ErrImagePull, then ImagePullBackOff, and pulls again after the back-off', async () => {
    let allow = false;
    h = newHarness({ runtime: { pull: () => (allow ? true : 'manifest unknown') } });
    h.api.createPod(podOf('web', { containers: [ctr('app', { image: 'reg.example/app:2', imagePullPolicy: 'IfNotPresent' })] }));
    await h.start();
    // The pull failed (ErrImagePull); the syncs that follow inside the back-off do not pull again.
    expect(h.api.eventsFor('web').slice(0, 3)).toEqual(['Pulling: Pulling image "reg.example/app:2"', 'Failed: Failed to pull image "reg.example/app:2": manifest unknown', 'Failed: Error: ErrImagePull']);
    expect(h.container('web')!.state.waiting).toEqual({ reason: 'ErrImagePull', message: 'manifest unknown' });
    await h.tick(6000);
    expect(h.container('web')!.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "reg.example/app:2"' });
    expect(h.api.eventsFor('web')).toContain('BackOff: Back-off pulling image "reg.example/app:2"');
    expect(h.runtime.callsTo('pullImage')).toHaveLength(1);
    expect(h.locatorOf('web')).toMatchObject({ ok: false, message: 'container "app" in pod "web" is waiting to start: trying and failing to pull image' });
    allow = true;
    await h.tick(4000);
    expect(h.runtime.callsTo('pullImage')).toHaveLength(2);
    expect(h.container('web')!.state.running).toBeDefined();
    expect(h.api.eventsFor('web')).toContain('Pulled: Successfully pulled image "reg.example/app:2" in 0ms (0ms including waiting). Image size: 1024 bytes.');
  });

  it('passes credentials from a dockerconfigjson pull secret for the image registry', async () => {
    h = newHarness({ runtime: { pull: (_ref, auth) => (auth?.password === 's3cret' ? true : 'unauthorized') }, objects: { secrets: [dockerConfig('https://reg.example', 'bob', 's3cret') as never] } });
    h.api.createPod(podOf('web', { imagePullSecrets: [{ name: 'regcred' }], containers: [ctr('app', { image: 'reg.example/team/app:1', imagePullPolicy: 'Always' })] }));
    await h.start();
    expect(h.runtime.callsTo('pullImage')[0].args[1]).toMatchObject({ username: 'bob', password: 's3cret', serveraddress: 'https://reg.example' });
    expect(h.container('web')!.state.running).toBeDefined();
  });

  it('never pulls with imagePullPolicy Never', async () => {
    h = newHarness();
    h.api.createPod(podOf('web', { containers: [ctr('app', { image: 'local/only:1', imagePullPolicy: 'Never' })] }));
    await h.start();
    expect(h.runtime.callsTo('pullImage')).toHaveLength(0);
    expect(h.container('web')!.state.waiting).toEqual({ reason: 'ErrImageNeverPull', message: 'Container image "local/only:1" is not present with pull policy of Never' });
    expect(h.status('web')!.phase).toBe('Pending');
  });

  it('fails with CreateContainerConfigError for a missing ConfigMap and starts once it exists', async () => {
    const configMaps: never[] = [];
    h = newHarness({ objects: { configMaps } });
    h.api.createPod(podOf('web', { containers: [ctr('app', { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } }] })] }));
    await h.start();
    expect(h.container('web')!.state.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' });
    expect(h.api.eventsFor('web')).toContain('Failed: Error: configmap "cfg" not found');
    configMaps.push({ metadata: { name: 'cfg', namespace: 'default' }, data: { a: 'x' } } as never);
    await h.tick(10_000);
    const c = h.container('web')!;
    expect(c.state.running).toBeDefined();
    expect(h.runtime.specOf(c.containerID!.slice(7))!.env).toContainEqual({ name: 'A', value: 'x' });
  });

  it('refuses runAsNonRoot for an image that runs as root, as upstream words it', async () => {
    h = newHarness();
    const p = h.api.createPod(podOf('web', { securityContext: { runAsNonRoot: true }, containers: [ctr('app')] }));
    await h.start();
    expect(h.container('web')!.state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: `container has runAsNonRoot and image will run as root (pod: "web_default(${p.metadata.uid})", container: app)`,
    });
    expect(h.created()).toHaveLength(0);
  });

  it('maps the security context and runs as a non-root user when one is given', async () => {
    h = newHarness();
    h.api.createPod(
      podOf('web', {
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        containers: [ctr('app', { securityContext: { runAsGroup: 3000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } } })],
      }),
    );
    await h.start();
    const spec = h.runtime.specOf(h.container('web')!.containerID!.slice(7))!;
    expect(spec.security).toEqual({ user: '1000:3000', readOnlyRootfs: true, noNewPrivileges: true, capAdd: ['NET_ADMIN'], capDrop: ['ALL'] });
  });

  it('waits in ContainerCreating with a FailedMount event while volumes cannot be set up', async () => {
    h = newHarness();
    h.volumes.failWith = 'MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found';
    h.api.createPod(podOf('web'));
    await h.start();
    expect(h.container('web')!.state.waiting).toEqual({ reason: 'ContainerCreating' });
    expect(h.api.eventsFor('web')).toEqual(['FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found']);
    // The sandbox starts alongside the volumes (docs/decisions.md); no container is created without them.
    expect(h.runtime.callsTo('runSandbox')).toHaveLength(1);
    expect(h.runtime.callsTo('createContainer')).toHaveLength(0);
    await h.tick(2500);
    expect(h.runtime.callsTo('createContainer')).toHaveLength(0);
    h.volumes.failWith = undefined;
    await h.tick(3000);
    expect(h.container('web')!.state.running).toBeDefined();
    // The retries kept the first sandbox.
    expect(h.runtime.callsTo('runSandbox')).toHaveLength(1);
    // Repeats of one event bump its count instead of making new objects.
    expect(h.api.eventList().find((e) => e.reason === 'FailedMount')?.count).toBeGreaterThan(1);
  });

  it('restarts a container whose spec changed (a new image)', async () => {
    h = newHarness({ runtime: { images: ['busybox:1.36', 'busybox:1.37'] } });
    h.api.createPod(podOf('web'));
    await h.start();
    const before = h.container('web')!.containerID;
    const pod = h.api.pod('web')!;
    pod.spec.containers[0].image = 'busybox:1.37';
    h.api.updatePod(pod);
    await h.tick(2000);
    const after = h.container('web')!;
    expect(after.containerID).not.toBe(before);
    expect(after).toMatchObject({ image: 'busybox:1.37', restartCount: 1 });
    expect(h.api.eventsFor('web')).toContain('Killing: Container app definition changed, will be restarted');
    expect(h.runtime.specOf(after.containerID!.slice(7))!.labels[LABELS.attempt]).toBe('1');
  });
});
