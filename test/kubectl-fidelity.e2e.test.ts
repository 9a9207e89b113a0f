// Everyday kubectl commands behave as against a real cluster: client-side apply's three-way patches,
// server-side apply with conflicts, diff, server dry-run, edit, every patch type, set image,
// describe, events, explain, tables (-o wide, --sort-by, --show-labels, custom columns).
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { type TestStack, startTestStack } from './harness';
import { Kubectl, type KubectlResult } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;
beforeAll(async () => {
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await stack?.close();
});

const k = (...args: string[]) => kubectl.run(args);
function ok(r: KubectlResult): string {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const deployment = (image: string, replicas: number, env: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'fid', labels: { app: 'fid' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'fid' } },
    template: {
      metadata: { labels: { app: 'fid' } },
      spec: { containers: [{ name: 'web', image, env: Object.entries(env).map(([name, value]) => ({ name, value })) }, { name: 'side', image: 'busybox' }] },
    },
  },
});
const file = (name: string, obj: object) => kubectl.file(name, toYaml(obj));

describe('client-side apply', () => {
  it('creates, configures, then leaves unchanged, merging lists by key', async () => {
    expect(ok(await k('apply', '-f', file('a1.yaml', deployment('nginx:1.27', 2, { MODE: 'blue' }))))).toContain('deployment.apps/fid created');
    expect(ok(await k('apply', '-f', file('a2.yaml', deployment('nginx:1.27', 3, { MODE: 'green', EXTRA: 'x' }))))).toContain('deployment.apps/fid configured');
    expect(ok(await k('apply', '-f', file('a3.yaml', deployment('nginx:1.27', 3, { MODE: 'green', EXTRA: 'x' }))))).toContain('deployment.apps/fid unchanged');
    const d = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json')));
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'side']);
    expect(d.spec.template.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'green' },
      { name: 'EXTRA', value: 'x' },
    ]);
    expect(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"EXTRA"');
  });

  it('set image changes one container and keeps the rest', async () => {
    ok(await k('set', 'image', 'deploy/fid', 'web=nginx:1.28'));
    const c = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json'))).spec.template.spec.containers;
    expect(c.map((x: { image: string }) => x.image)).toEqual(['nginx:1.28', 'busybox']);
    expect(c[0].env).toHaveLength(2);
  });

  it('rollout restart annotates the template and bumps generation', async () => {
    const before = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json'))).metadata.generation;
    ok(await k('rollout', 'restart', 'deploy/fid'));
    const d = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json')));
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect(d.metadata.generation).toBe(before + 1);
  });

  it('diff shows the change and --dry-run=server stores nothing', async () => {
    const changed = file('diff.yaml', deployment('nginx:1.29', 3, { MODE: 'green', EXTRA: 'x' }));
    const diff = await k('diff', '-f', changed);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+image: nginx:1\.28$/m);
    expect(diff.stdout).toMatch(/^\+\s+image: nginx:1\.29$/m);
    expect(ok(await k('apply', '-f', changed, '--dry-run=server'))).toContain('configured (server dry run)');
    expect(ok(await k('get', 'deploy', 'fid', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'))).toBe('nginx:1.28');
  });
});

describe('patch and edit', () => {
  it('patches with every patch type', async () => {
    ok(await k('patch', 'deploy', 'fid', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:1.36"}]}}}}'));
    ok(await k('patch', 'deploy', 'fid', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}'));
    ok(await k('patch', 'deploy', 'fid', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]'));
    const d = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json')));
    expect(d.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual(['nginx:1.28', 'busybox:1.36']);
    expect(d.metadata.labels.tier).toBe('front');
    expect(d.spec.replicas).toBe(4);
  });

  it('edits through KUBE_EDITOR', async () => {
    const editor = kubectl.file('editor.sh', '#!/bin/sh\nsed -i "s/replicas: 4/replicas: 6/" "$1"\n');
    chmodSync(editor, 0o755);
    expect(ok(await kubectl.run(['edit', 'deploy', 'fid'], 30_000, { KUBE_EDITOR: editor, EDITOR: editor }))).toContain('deployment.apps/fid edited');
    expect(ok(await k('get', 'deploy', 'fid', '-o', 'jsonpath={.spec.replicas}'))).toBe('6');
  });

  it('label and annotate with --overwrite', async () => {
    ok(await k('label', 'deploy', 'fid', 'tier=back', '--overwrite'));
    ok(await k('annotate', 'deploy', 'fid', 'note=one'));
    ok(await k('annotate', 'deploy', 'fid', 'note=two', '--overwrite'));
    const m = JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json'))).metadata;
    expect(m.labels.tier).toBe('back');
    expect(m.annotations.note).toBe('two');
  });
});

describe('server-side apply', () => {
  const cm = (value: string) => file(`ssa-${value}.yaml`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { key: value } });

  it('applies, conflicts with another manager, and forces', async () => {
    expect(ok(await k('apply', '--server-side', '-f', cm('one')))).toContain('configmap/ssa serverside-applied');
    ok(await k('patch', 'configmap', 'ssa', '--type=merge', '-p', '{"data":{"key":"patched"}}'));
    const conflict = await k('apply', '--server-side', '-f', cm('two'));
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.key');
    expect(ok(await k('apply', '--server-side', '--force-conflicts', '-f', cm('two')))).toContain('serverside-applied');
    expect(ok(await k('get', 'configmap', 'ssa', '-o', 'jsonpath={.data.key}'))).toBe('two');
  });
});

describe('reading', () => {
  it('prints upstream columns, -o wide, --show-labels, --sort-by and custom columns', async () => {
    ok(await k('create', 'configmap', 'zeta', '--from-literal=a=1'));
    ok(await k('create', 'configmap', 'alpha', '--from-literal=a=1', '--from-literal=b=2'));
    ok(await k('label', 'configmap', 'alpha', 'team=x'));
    const list = ok(await k('get', 'configmaps', 'alpha', 'zeta'));
    expect(list.split('\n')[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(list).toMatch(/^alpha\s+2\s+\d+s$/m);
    expect(ok(await k('get', 'configmap', 'alpha', '--show-labels'))).toMatch(/^alpha\s+2\s+\S+\s+team=x$/m);
    const sorted = ok(await k('get', 'configmaps', '--sort-by=.metadata.name', '-o', 'name'));
    expect(sorted.indexOf('configmap/alpha')).toBeLessThan(sorted.indexOf('configmap/zeta'));
    expect(ok(await k('get', 'configmaps', 'alpha', '-o', 'custom-columns=N:.metadata.name,T:.metadata.labels.team'))).toBe('N     T\nalpha   x\n'.replace('N     T', 'N       T'));
    const wide = ok(await k('get', 'deploy', 'fid', '-o', 'wide'));
    expect(wide.split('\n')[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(wide).toContain('web,side');
    expect(ok(await k('get', 'svc', 'kubernetes')).split('\n')[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
  });

  it('describes with events and lists events', async () => {
    const ev = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'fid.1' },
      involvedObject: { kind: 'Deployment', name: 'fid', namespace: 'default', apiVersion: 'apps/v1', uid: JSON.parse(ok(await k('get', 'deploy', 'fid', '-o', 'json'))).metadata.uid },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set fid-abc to 6',
      type: 'Normal',
      source: { component: 'deployment-controller' },
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      count: 1,
    };
    ok(await k('create', '-f', file('event.yaml', ev)));
    const d = ok(await k('describe', 'deploy', 'fid'));
    expect(d).toMatch(/^Name:\s+fid$/m);
    expect(d).toMatch(/Normal\s+ScalingReplicaSet\s+.*deployment-controller\s+Scaled up replica set fid-abc to 6/);
    // `kubectl events` formats client-side (Kind/name); the server's table for `get events` lowercases the kind.
    expect(ok(await k('events'))).toMatch(/Normal\s+ScalingReplicaSet\s+Deployment\/fid\s+Scaled up replica set fid-abc to 6/);
    expect(ok(await k('get', 'events'))).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/fid\s+Scaled up replica set fid-abc to 6/);
  });

  it('explains recursively', async () => {
    const out = ok(await k('explain', 'deployment.spec.strategy', '--recursive'));
    expect(out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    expect(out).toMatch(/maxSurge\s+<IntOrString>/);
  });

  it('lists api-versions', async () => {
    const v = ok(await k('api-versions')).split('\n');
    for (const gv of ['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'apiextensions.k8s.io/v1']) expect(v).toContain(gv);
  });
});
