// ServiceAccount tokens through the real API: TokenRequest, the JWT authenticator (expiry, audience,
// bound-object invalidation, tampering), issuer discovery, TokenReview, RBAC for service accounts,
// the ServiceAccount admission plugin, and `kubectl create token` with the real kubectl.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSigningKey, signJwt } from '../workers/kube/jwt';
import { buildClaims } from '../workers/api/src/auth/serviceaccount/claims';
import { eventually } from './eventually';
import { ApiClient, type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';
import { registerToken } from '../local/tokens';
import { createNodeFetcher } from '../agent/src/http';
import { apiObjectSource } from '../agent/src/kubelet/objects';
import { serviceAccountTokenSource } from '../agent/src/kubelet/service-account-token';
import { VolumeManager } from '../agent/src/kubelet/volumes';
import { ApiClient as KubeClient } from '../workers/kube/client';

let stack: TestStack;
let kubectl: Kubectl;
const NS = 'sa-tokens';
const ns = `/api/v1/namespaces/${NS}`;
const ISSUER = 'https://kubernetes.default.svc.cluster.local';

const whoami = (token: string) => stack.client.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { token });
const requestToken = (sa: string, spec: Record<string, unknown> = {}) =>
  stack.client.post(`${ns}/serviceaccounts/${sa}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const podBody = (name: string, spec: Record<string, unknown> = {}) => ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } });

let robotUid = '';

beforeAll(async () => {
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: NS } })).status).toBe(201);
  const sa = await stack.client.post(`${ns}/serviceaccounts`, { metadata: { name: 'robot' } });
  expect(sa.status).toBe(201);
  robotUid = sa.json.metadata.uid;
  expect((await stack.client.post('/api/v1/nodes', { metadata: { name: 'node-x' } })).status).toBe(201);
  // The controller makes the namespace's `default` ServiceAccount.
  await eventually(async () => ((await stack.client.get(`${ns}/serviceaccounts/default`)).status === 200 ? true : undefined), 20_000, 'default ServiceAccount');
}, 120_000);

afterAll(async () => {
  kubectl?.close();
  await stack?.close();
});

describe('TokenRequest', () => {
  it('issues a token with upstream claims that authenticates as the ServiceAccount', async () => {
    const res = await requestToken('robot', { expirationSeconds: 1200 });
    expect(res.status).toBe(201);
    expect(res.json.kind).toBe('TokenRequest');
    expect(res.json.spec.audiences).toEqual([ISSUER]);
    const token: string = res.json.status.token;
    const c = claimsOf(token);
    expect(c.iss).toBe(ISSUER);
    expect(c.sub).toBe(`system:serviceaccount:${NS}:robot`);
    expect(c.aud).toEqual([ISSUER]);
    expect(c.exp - c.iat).toBe(1200);
    expect(c.nbf).toBe(c.iat);
    expect(typeof c.jti).toBe('string');
    expect(c['kubernetes.io']).toEqual({ namespace: NS, serviceaccount: { name: 'robot', uid: robotUid } });
    expect(Date.parse(res.json.status.expirationTimestamp) / 1000).toBe(c.exp);
    const me = await whoami(token);
    expect(me.status).toBe(201);
    expect(me.json.status.userInfo).toEqual({
      username: `system:serviceaccount:${NS}:robot`,
      uid: robotUid,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`, 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${c.jti}`] },
    });
  });

  it('binds a token to a pod: pod and node claims, extra, and the token dies with the pod', async () => {
    const pod = await stack.client.post(`${ns}/pods`, podBody('bound', { serviceAccountName: 'robot', nodeName: 'node-x' }));
    expect(pod.status).toBe(201);
    const node = await stack.client.get('/api/v1/nodes/node-x');
    const res = await requestToken('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'bound', uid: pod.json.metadata.uid } });
    expect(res.status).toBe(201);
    expect(res.json.spec.expirationSeconds).toBe(3600);
    const token: string = res.json.status.token;
    expect(claimsOf(token)['kubernetes.io']).toMatchObject({ pod: { name: 'bound', uid: pod.json.metadata.uid }, node: { name: 'node-x', uid: node.json.metadata.uid } });
    const me = await whoami(token);
    expect(me.status).toBe(201);
    expect(me.json.status.userInfo.extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['bound'],
      'authentication.kubernetes.io/pod-uid': [pod.json.metadata.uid],
      'authentication.kubernetes.io/node-name': ['node-x'],
    });
    // A second token for the same pod, used only after the pod is gone (no cached success to hide it).
    const later: string = (await requestToken('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'bound' } })).json.status.token;
    expect((await stack.client.delete(`${ns}/pods/bound?gracePeriodSeconds=0`)).status).toBe(200);
    await eventually(async () => ((await stack.client.get(`${ns}/pods/bound`)).status === 404 ? true : undefined), 20_000, 'pod gone');
    const gone = await whoami(later);
    expect(gone.status).toBe(401);
    expect(gone.json.reason).toBe('Unauthorized');
  });

  it('refuses bad requests as upstream', async () => {
    const short = await requestToken('robot', { expirationSeconds: 60 });
    expect(short.status).toBe(422);
    expect(short.json.message).toContain('spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    expect((await requestToken('nobody')).status).toBe(404);
    const missingPod = await requestToken('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'nope' } });
    expect(missingPod.status).toBe(404);
    expect(missingPod.json.message).toBe('pods "nope" not found');
    const wrongKind = await requestToken('robot', { boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'x' } });
    expect(wrongKind.status).toBe(400);
    const p = await stack.client.post(`${ns}/pods`, podBody('other-sa'));
    expect(p.status).toBe(201);
    const uidMismatch = await requestToken('default', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other-sa', uid: 'not-the-uid' } });
    expect(uidMismatch.status).toBe(409);
    const saMismatch = await requestToken('robot', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other-sa' } });
    expect(saMismatch.status).toBe(400);
    expect(saMismatch.json.message).toBe('cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');
  });
});

describe('the JWT authenticator', () => {
  it('rejects a token for another audience, a tampered one, an expired one and one of a deleted account', async () => {
    const other: string = (await requestToken('robot', { audiences: ['vault'] })).json.status.token;
    expect(claimsOf(other).aud).toEqual(['vault']);
    expect((await whoami(other)).status).toBe(401);

    const good: string = (await requestToken('robot')).json.status.token;
    const [h, p, s] = good.split('.');
    const claims = claimsOf(good);
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: `system:serviceaccount:${NS}:admin` })).toString('base64url');
    expect((await whoami(`${h}.${forged}.${s}`)).status).toBe(401);
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    expect((await whoami(`${h}.${p}.${flipped}`)).status).toBe(401);

    // Signed with the cluster's own key (the test reads it from the state dir) but long expired.
    const key = await importSigningKey(readFileSync(join(stack.stateDir, 'pki', 'sa-signing-key.jwk.json'), 'utf8'));
    const past = Math.floor(Date.now() / 1000) - 7200;
    const subject = { namespace: NS, serviceAccount: { name: 'robot', uid: robotUid } };
    const expired = await signJwt(key, buildClaims(subject, { issuer: ISSUER, audiences: [ISSUER], now: past, expirationSeconds: 600, jti: 'x' }));
    expect((await whoami(expired)).status).toBe(401);
    // The same construction with a current time is accepted: the key and claims are right, only exp differs.
    const fresh = await signJwt(key, buildClaims(subject, { issuer: ISSUER, audiences: [ISSUER], now: past + 7200, expirationSeconds: 600, jti: 'y' }));
    expect((await whoami(fresh)).status).toBe(201);
    // Another issuer's token, even with our key, is not ours.
    const foreign = await signJwt(key, buildClaims(subject, { issuer: 'https://elsewhere', audiences: [ISSUER], now: past + 7200, expirationSeconds: 600, jti: 'z' }));
    expect((await whoami(foreign)).status).toBe(401);

    // A ServiceAccount deleted (and recreated with a new uid) ends its tokens.
    expect((await stack.client.post(`${ns}/serviceaccounts`, { metadata: { name: 'temp' } })).status).toBe(201);
    const tempToken: string = (await requestToken('temp')).json.status.token;
    expect((await stack.client.delete(`${ns}/serviceaccounts/temp`)).status).toBe(200);
    expect((await stack.client.post(`${ns}/serviceaccounts`, { metadata: { name: 'temp' } })).status).toBe(201);
    expect((await whoami(tempToken)).status).toBe(401);
  });

  it('answers TokenReview for service account tokens', async () => {
    const token: string = (await requestToken('robot')).json.status.token;
    const review = await stack.client.post('/apis/authentication.k8s.io/v1/tokenreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
    expect(review.status).toBe(201);
    expect(review.json.status).toMatchObject({ authenticated: true, audiences: [ISSUER], user: { username: `system:serviceaccount:${NS}:robot`, uid: robotUid } });
    const vault: string = (await requestToken('robot', { audiences: ['vault'] })).json.status.token;
    const forVault = await stack.client.post('/apis/authentication.k8s.io/v1/tokenreviews', { spec: { token: vault, audiences: ['vault'] } });
    expect(forVault.json.status).toMatchObject({ authenticated: true, audiences: ['vault'] });
    const notForApi = await stack.client.post('/apis/authentication.k8s.io/v1/tokenreviews', { spec: { token: vault } });
    expect(notForApi.json.status.authenticated).toBe(false);
  });

  it('serves the issuer discovery documents to service accounts', async () => {
    const token: string = (await requestToken('robot')).json.status.token;
    const conf = await stack.client.get('/.well-known/openid-configuration', { token });
    expect(conf.status).toBe(200);
    expect(conf.json).toMatchObject({ issuer: ISSUER, jwks_uri: `${stack.url}/openid/v1/jwks`, id_token_signing_alg_values_supported: ['ES256'] });
    const jwks = await stack.client.get('/openid/v1/jwks', { token });
    expect(jwks.status).toBe(200);
    expect(jwks.json.keys).toHaveLength(1);
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid });
    expect(jwks.json.keys[0].d).toBeUndefined();
    expect((await stack.client.get('/openid/v1/jwks', { token: null })).status).toBe(401);
  });
});

describe('RBAC for service accounts', () => {
  it('is Forbidden with upstream wording until a RoleBinding grants it', async () => {
    const token: string = (await requestToken('robot')).json.status.token;
    const before = await stack.client.get(`${ns}/pods`, { token });
    expect(before.status).toBe(403);
    expect(before.json.message).toBe(`pods is forbidden: User "system:serviceaccount:${NS}:robot" cannot list resource "pods" in API group "" in the namespace "${NS}"`);
    const rb = await stack.client.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, {
      metadata: { name: 'robot-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: NS }],
    });
    expect(rb.status).toBe(201);
    await eventually(async () => ((await stack.client.get(`${ns}/pods`, { token })).status === 200 ? true : undefined), 10_000, 'binding in effect');
    expect((await stack.client.get(`/api/v1/namespaces/default/pods`, { token })).status).toBe(403);
  });
});

describe('ServiceAccount admission', () => {
  it('defaults the account and mounts kube-api-access into every container', async () => {
    const res = await stack.client.post(`${ns}/pods`, {
      metadata: { name: 'plain' },
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] },
    });
    expect(res.status).toBe(201);
    const spec = res.json.spec;
    expect(spec.serviceAccountName).toBe('default');
    expect(spec.serviceAccount).toBe('default');
    const vols = spec.volumes.filter((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    expect(vols).toHaveLength(1);
    expect(vols[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vols[0].projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: vols[0].name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    }
  });

  it('mounts nothing when the pod or its account opts out', async () => {
    const off = await stack.client.post(`${ns}/pods`, podBody('no-token', { automountServiceAccountToken: false }));
    expect(off.status).toBe(201);
    expect(off.json.spec.volumes ?? []).toEqual([]);
    expect(off.json.spec.containers[0].volumeMounts).toBeUndefined();
    expect((await stack.client.post(`${ns}/serviceaccounts`, { metadata: { name: 'quiet' }, automountServiceAccountToken: false })).status).toBe(201);
    const quiet = await stack.client.post(`${ns}/pods`, podBody('quiet-pod', { serviceAccountName: 'quiet' }));
    expect(quiet.status).toBe(201);
    expect(quiet.json.spec.volumes ?? []).toEqual([]);
  });

  it('refuses a pod whose ServiceAccount does not exist, as upstream', async () => {
    const res = await stack.client.post(`${ns}/pods`, podBody('ghost', { serviceAccountName: 'ghost' }));
    expect(res.status).toBe(403);
    expect(res.json.message).toBe(`pods "ghost" is forbidden: error looking up service account ${NS}/ghost: serviceaccount "ghost" not found`);
  });

  it('publishes kube-root-ca.crt with the cluster CA in every namespace', async () => {
    const cm = await eventually(async () => {
      const r = await stack.client.get(`${ns}/configmaps/kube-root-ca.crt`);
      return r.status === 200 ? r.json : undefined;
    }, 20_000, 'kube-root-ca.crt');
    expect(cm.data).toEqual({ 'ca.crt': stack.caPem });
    expect((await stack.client.get('/api/v1/namespaces/kube-system/configmaps/kube-root-ca.crt')).status).toBe(200);
  });

  it('lets a node request tokens for its own pods only (the kubelet’s path)', async () => {
    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    await registerToken(db as never, 'node-x-token', 'system:node:node-x', ['system:nodes'], 'test node x');
    const node = new ApiClient(stack.url, 'node-x-token', stack.caPem);
    try {
      const mine = await stack.client.post(`${ns}/pods`, podBody('on-x', { nodeName: 'node-x' }));
      const theirs = await stack.client.post(`${ns}/pods`, podBody('on-y', { nodeName: 'node-y' }));
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      const ref = (p: { metadata: { name: string; uid: string } }) => ({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: p.metadata.name, uid: p.metadata.uid } });
      const ok = await node.post(`${ns}/serviceaccounts/default/token`, { spec: { expirationSeconds: 3607, ...ref(mine.json) } });
      expect(ok.status).toBe(201);
      const me = await whoami(ok.json.status.token);
      expect(me.json.status.userInfo.extra['authentication.kubernetes.io/pod-name']).toEqual(['on-x']);
      const denied = await node.post(`${ns}/serviceaccounts/robot/token`, { spec: ref(theirs.json) });
      expect(denied.status).toBe(403);
      // NodeRestriction: the account is one its own pod uses, but the token must be bound to its own pod.
      const otherNodesPod = await node.post(`${ns}/serviceaccounts/default/token`, { spec: ref(theirs.json) });
      expect(otherNodesPod.status).toBe(403);
      expect(otherNodesPod.json.message).toBe('serviceaccounts "default" is forbidden: node requested token bound to a pod scheduled on a different node');
      const unbound = await node.post(`${ns}/serviceaccounts/default/token`, { spec: {} });
      expect(unbound.status).toBe(403);
      expect(unbound.json.message).toBe('serviceaccounts "default" is forbidden: node requested token not bound to a pod');

      // The kubelet's VolumeManager with the node's credential writes the kube-api-access volume.
      const kube = new KubeClient({ fetch: createNodeFetcher({ caPem: stack.caPem }), baseUrl: stack.url, token: 'node-x-token', userAgent: 'test-kubelet' });
      const root = mkdtempSync(join(tmpdir(), 'sa-volumes-'));
      try {
        const vm = new VolumeManager({ rootDir: root, objects: apiObjectSource(kube), nodeName: 'node-x', tokenFor: serviceAccountTokenSource(kube), mounter: null });
        const podObj = (await stack.client.get(`${ns}/pods/on-x`)).json;
        await eventually(async () => ((await stack.client.get(`${ns}/configmaps/kube-root-ca.crt`)).status === 200 ? true : undefined), 20_000, 'kube-root-ca.crt');
        expect(await vm.setUp(podObj)).toMatchObject({ ok: true });
        const vol = podObj.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-')).name;
        const dir = join(root, 'pods', podObj.metadata.uid, 'volumes', 'kubernetes.io~projected', vol);
        expect(readFileSync(join(dir, 'namespace'), 'utf8')).toBe(NS);
        expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(stack.caPem);
        const projected = readFileSync(join(dir, 'token'), 'utf8');
        const c = claimsOf(projected);
        expect(c.exp - c.iat).toBe(3607);
        expect(c['kubernetes.io'].pod).toEqual({ name: 'on-x', uid: podObj.metadata.uid });
        expect((await whoami(projected)).json.status.userInfo.username).toBe(`system:serviceaccount:${NS}:default`);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    } finally {
      node.close();
    }
  });
});

describe('kubectl', () => {
  it('create token --duration --audience, and auth whoami with it', async () => {
    const made = await kubectl.run(['-n', NS, 'create', 'token', 'default', '--duration=10m']);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    const c = claimsOf(token);
    expect(c.exp - c.iat).toBe(600);
    expect(c.sub).toBe(`system:serviceaccount:${NS}:default`);
    const who = await kubectl.run(['--token', token, 'auth', 'whoami', '-o', 'json']);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout).status.userInfo.username).toBe(`system:serviceaccount:${NS}:default`);
    const aud = await kubectl.run(['-n', NS, 'create', 'token', 'robot', '--audience=vault', '--audience=other']);
    expect(aud.code).toBe(0);
    expect(claimsOf(aud.stdout.trim()).aud).toEqual(['vault', 'other']);
    const tooShort = await kubectl.run(['-n', NS, 'create', 'token', 'robot', '--duration=1m']);
    expect(tooShort.code).not.toBe(0);
    expect(tooShort.stderr).toContain('may not specify a duration less than 10 minutes');
  });
});
