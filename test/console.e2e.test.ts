// The web console in real Chromium (Debian chromium + playwright-core) against the real local stack:
// its assets are served by the api worker, sign-in keeps the token in sessionStorage only, a Deployment
// created and scaled with kubectl shows up live (watch, no reload) with kubectl's columns, its detail
// page shows owned objects and YAML, and sign-out forgets the token. Screenshots of each main page go
// to .artifacts/console (KUBEFLARE_ARTIFACTS overrides the folder).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster } from '../agent/src/sim';
import { ApiClient } from '../workers/kube/client';
import { startTestStack, type TestStack } from './harness';
import { Kubectl } from './kubectl';

const ARTIFACTS = process.env.KUBEFLARE_ARTIFACTS ? join(process.env.KUBEFLARE_ARTIFACTS, 'console') : join(__dirname, '..', '.artifacts', 'console');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let stack: TestStack;
let kubectl: Kubectl;
let fetcher: NodeFetcher;
let sim: SimCluster;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const timings: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'kubeflare-console-test' });
  sim = new SimCluster({ api, nodes: { count: 2, zones: 1, taintedFraction: 0, namePrefix: 'sim' }, markRunning: true, heartbeatSeconds: 1, podStartDelayMs: 50 });
  await sim.start();
  // The stack's CA is its own: Chromium trusts exactly its server certificate (by public key hash).
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spkiHash(join(stack.stateDir, 'pki', 'server.crt'))}`] });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await sim?.stop();
  fetcher?.close();
  kubectl?.close();
  await stack?.close();
  if (Object.keys(timings).length) console.log(`console timings (ms): ${JSON.stringify(timings)}`);
});

/**
 * A navigation, retried when Chromium reports ERR_NETWORK_CHANGED: other tests on this machine create
 * network interfaces (containers, namespaces), and Chromium aborts in-flight navigations when they appear.
 */
async function nav(go: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await go();
      return;
    } catch (err) {
      if (attempt >= 3 || !String(err).includes('ERR_NETWORK_CHANGED')) throw err;
    }
  }
}

function spkiHash(certFile: string): string {
  const spki = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
/** The page's globals, typed here (the test tsconfig has no DOM library). */
interface Win {
  sessionStorage: Record<string, string> & { setItem(k: string, v: string): void };
  localStorage: { length: number };
  marker?: number;
}
const sessionValues = () => page.evaluate(() => Object.values((globalThis as unknown as Win).sessionStorage));

describe('web console', () => {
  it('serves index.html to browsers at / and hashed, cacheable assets, leaving the API as it was', async () => {
    const index = await stack.client.get('/', { headers: { Accept: 'text/html' }, token: null });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    const js = /src="(\/ui\/app-[A-Za-z0-9]+\.js)"/.exec(index.text)?.[1];
    const css = /href="(\/ui\/app-[A-Za-z0-9]+\.css)"/.exec(index.text)?.[1];
    expect(js && css).toBeTruthy();
    const script = await stack.client.get(js!, { token: null });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await stack.client.get(css!, { token: null })).headers['content-type']).toBe('text/css; charset=utf-8');
    const again = await stack.client.get(js!, { token: null, headers: { 'If-None-Match': String(script.headers.etag) } });
    expect(again.status).toBe(304);
    // JSON clients still get the API at / (authenticated as before), and the API stays protected.
    expect((await stack.client.get('/', { headers: { Accept: 'application/json' }, token: null })).status).toBe(401);
    expect((await stack.client.get('/api/v1/namespaces', { token: null })).status).toBe(401);
  });

  it('refuses a wrong token with the API message, then signs in with the admin token kept in sessionStorage only', async () => {
    const t0 = Date.now();
    await nav(() => page.goto(`${stack.url}/`));
    await page.getByLabel('Bearer token').fill('not-a-valid-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Unauthorized');
    await page.getByLabel('Bearer token').fill(stack.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await sessionValues()).toContain(stack.token);
    expect(await page.evaluate(() => (globalThis as unknown as Win).localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(stack.token);
    // The overview: both simulated nodes ready, with their capacity.
    await expect.poll(() => page.getByTestId('nodes').locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('nodes').textContent(), { timeout: 20_000 }).not.toContain('NotReady');
    expect(await page.getByTestId('nodes').textContent()).toContain('sim-');
    timings.signInToOverview = Date.now() - t0;
    await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByRole('heading', { name: 'Workloads not healthy' }).count()).toBe(1);
    await shot('overview');
  });

  it('shows a Deployment created with kubectl live in the list, with the columns kubectl prints', async () => {
    await page.getByRole('navigation', { name: 'Resources' }).getByRole('link', { name: 'Deployments' }).click();
    await page.getByRole('heading', { name: /^Deployments/ }).waitFor();
    await page.getByLabel('Namespace').selectOption('default');
    await expect.poll(() => page.url()).toContain('ns=default');
    await page.getByText('No Deployments in namespace default yet').waitFor();
    await page.evaluate(() => ((globalThis as unknown as Win).marker = 42));

    const created = await kubectl.run(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    expect(created.code).toBe(0);
    const t0 = Date.now();
    const row = page.locator('tr[data-name="web"]');
    await row.waitFor({ timeout: 10_000 });
    timings.kubectlCreateToRow = Date.now() - t0;

    const headers = (await page.getByTestId('list').locator('thead th').allTextContents()).map((h) => h.trim().replace(/\s*[▲▼]$/, ''));
    const kubectlHeader = (await kubectl.run(['get', 'deployments', '-n', 'default'])).stdout.split('\n')[0].trim().split(/\s+/);
    expect(headers).toEqual(kubectlHeader);

    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 20_000 }).toBe('2/2');
    expect((await kubectl.run(['scale', 'deployment', 'web', '--replicas=3'])).code).toBe(0);
    const t1 = Date.now();
    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 20_000, interval: 50 }).toMatch(/^\d\/3$/);
    timings.kubectlScaleToRow = Date.now() - t1;
    await expect.poll(() => row.locator('td').nth(1).textContent(), { timeout: 20_000 }).toBe('3/3');
    const got = await kubectl.run(['get', 'deployment', 'web', '-n', 'default', '--no-headers']);
    expect(got.stdout.trim().split(/\s+/)[1]).toBe('3/3');
    // Live, not reloaded: the marker set before the create is still there.
    expect(await page.evaluate(() => (globalThis as unknown as Win).marker)).toBe(42);
    await shot('deployments');
  });

  it('filters by text and label, and sorts by a column', async () => {
    expect((await kubectl.run(['create', 'deployment', 'api', '--image=nginx', '--replicas=0'])).code).toBe(0);
    await page.locator('tr[data-name="api"]').waitFor({ timeout: 10_000 });
    const names = () => page.getByTestId('list').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
    await page.getByRole('button', { name: 'NAME' }).click();
    await expect.poll(names).toEqual(['api', 'web']);
    await page.getByRole('button', { name: /^NAME/ }).click();
    await expect.poll(names).toEqual(['web', 'api']);
    await page.getByLabel('Filter by label selector').fill('app=api');
    await expect.poll(names).toEqual(['api']);
    await page.getByLabel('Filter by label selector').fill('app in (');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('unable to parse');
    await page.getByLabel('Filter by label selector').fill('');
    await page.getByLabel('Filter by text').fill('we');
    await expect.poll(names).toEqual(['web']);
    await page.getByLabel('Filter by text').fill('');
  });

  it('opens the detail page with owned ReplicaSets, conditions and YAML, reachable by deep link', async () => {
    await page.locator('tr[data-name="web"]').getByRole('link', { name: 'web' }).click();
    await page.getByRole('heading', { name: 'Deployment default/web' }).waitFor();
    await expect.poll(() => page.getByTestId('owned').locator('li').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('owned').textContent()).toMatch(/^web-[a-z0-9]+/);
    await expect.poll(() => page.getByTestId('conditions').textContent(), { timeout: 20_000 }).toContain('Available');
    await shot('deployment-detail');

    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect.poll(() => page.getByTestId('yaml').textContent()).toContain('replicas: 3');
    const yaml = (await page.getByTestId('yaml').textContent()) ?? '';
    expect(yaml).toContain('name: web');
    expect(yaml).not.toContain('managedFields');
    await shot('deployment-yaml');

    // The detail page follows the object: a label added with kubectl shows up.
    expect((await kubectl.run(['label', 'deployment', 'web', 'tier=front'])).code).toBe(0);
    await expect.poll(() => page.getByTestId('yaml').textContent(), { timeout: 10_000 }).toContain('tier: front');

    // A deep link opens the same page after a reload (the session survives in this tab).
    const link = page.url();
    expect(link).toContain('#/r/deployments.apps/default/web?tab=yaml');
    await nav(() => page.reload());
    await expect.poll(() => page.getByTestId('yaml').textContent(), { timeout: 10_000 }).toContain('name: web');

    // Scale from the console; kubectl agrees.
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.getByLabel('Replicas').fill('1');
    await page.getByRole('button', { name: 'Scale' }).click();
    await page.getByRole('status').filter({ hasText: 'Scaled to 1.' }).waitFor();
    await expect.poll(async () => (await kubectl.run(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}/{.status.readyReplicas}'])).stdout, { timeout: 20_000 }).toBe('1/1');
    await page.getByLabel('Replicas').fill('-2');
    await page.getByRole('button', { name: 'Scale' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('whole number');

    // Delete another Deployment with a cascade choice: back to the list, and it is gone.
    await nav(() => page.goto(`${stack.url}/#/r/deployments.apps/default/api`));
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByLabel('Cascade').selectOption('Foreground');
    await page.getByRole('button', { name: 'Delete api' }).click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/#\/r\/deployments\.apps\?ns=default$/);
    await expect.poll(async () => (await kubectl.run(['get', 'deployment', 'api'])).stderr, { timeout: 20_000 }).toContain('NotFound');
    await expect.poll(() => page.locator('tr[data-name="api"]').count(), { timeout: 10_000 }).toBe(0);

    await nav(() => page.goto(`${stack.url}/#/r/deployments.apps/default/missing`));
    await page.getByText('Deployment “missing” does not exist in namespace default').waitFor();
  });

  it('shows the pods list with kubectl columns and a Secret without its values', async () => {
    await nav(() => page.goto(`${stack.url}/#/r/pods?ns=default`));
    // web, scaled to 1 above (api was deleted).
    await expect.poll(() => page.getByTestId('list').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    const headers = (await page.getByTestId('list').locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual((await kubectl.run(['get', 'pods', '-n', 'default'])).stdout.split('\n')[0].trim().split(/\s{2,}/));
    await shot('pods');

    expect((await kubectl.run(['create', 'secret', 'generic', 'db', '--from-literal=password=hunter2'])).code).toBe(0);
    await nav(() => page.goto(`${stack.url}/#/r/secrets/default/db?tab=yaml`));
    await expect.poll(() => page.getByTestId('yaml').textContent(), { timeout: 10_000 }).toContain('password: (hidden)');
    expect(await page.content()).not.toContain(Buffer.from('hunter2').toString('base64'));
  });

  it('shows a view-only user no write actions, and the API refuses the write it tries', async () => {
    for (const args of [
      ['create', 'serviceaccount', 'viewer'],
      ['create', 'role', 'reader', '--verb=get,list,watch', '--resource=deployments,replicasets,pods,events'],
      ['create', 'rolebinding', 'viewer-reader', '--role=reader', '--serviceaccount=default:viewer'],
    ]) expect((await kubectl.run(args)).code).toBe(0);
    const token = (await kubectl.run(['create', 'token', 'viewer'])).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    // RBAC changes reach the authorizer after a moment (as with upstream's informers): wait for it.
    await expect.poll(async () => (await stack.client.get('/apis/apps/v1/namespaces/default/deployments', { token })).status, { timeout: 20_000 }).toBe(200);
    const viewer = await browser.newContext();
    try {
      const p = await viewer.newPage();
      await nav(() => p.goto(`${stack.url}/#/r/deployments.apps/default/web`));
      await p.getByLabel('Bearer token').fill(token);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('tab', { name: 'YAML' }).waitFor();
      expect(await p.locator('.user').textContent()).toBe('system:serviceaccount:default:viewer');
      await p.locator('[data-testid="actions"][data-checked="none"]').waitFor({ state: 'attached' });
      expect(await p.getByRole('button', { name: 'Scale' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: 'Delete…' }).count()).toBe(0);
      const refused = await p.evaluate(async (t) => {
        const r = await fetch('/apis/apps/v1/namespaces/default/deployments/web/scale', { method: 'PATCH', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":5}}' });
        return { status: r.status, body: await r.text() };
      }, token);
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('forbidden');
      // No edit or rollout actions either (each asked with a SelfSubjectAccessReview).
      expect(await p.getByRole('link', { name: 'Edit YAML' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: 'Restart' }).count()).toBe(0);
      await p.screenshot({ path: join(ARTIFACTS, 'viewer-detail.png'), fullPage: true });
      // The pods the role may read show no Logs or Shell tab (no pods/log, pods/exec).
      const podName = (await kubectl.run(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}'])).stdout.trim();
      await nav(() => p.goto(`${stack.url}/#/r/pods/default/${podName}`));
      await p.getByRole('tab', { name: 'YAML' }).waitFor();
      expect(await p.getByRole('tab', { name: 'Logs' }).count()).toBe(0);
      expect(await p.getByRole('tab', { name: 'Shell' }).count()).toBe(0);
      // Applying YAML is refused by the server, and its message is shown.
      await nav(() => p.goto(`${stack.url}/#/apply`));
      await p.locator('.cm-content').click();
      await p.keyboard.press('Control+A');
      await p.keyboard.press('Delete');
      await p.keyboard.insertText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-viewer\ndata:\n  a: b\n');
      await p.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => p.getByTestId('results').textContent()).toContain('configmaps "from-viewer" is forbidden');
      expect(await p.getByTestId('diagnostics').textContent()).toContain('Line 1: configmaps "from-viewer" is forbidden');
      expect((await kubectl.run(['get', 'configmap', 'from-viewer'])).stderr).toContain('NotFound');
      await p.screenshot({ path: join(ARTIFACTS, 'viewer-apply-refused.png'), fullPage: true });
    } finally {
      await viewer.close();
    }
  });

  it('lists custom resources of a CustomResourceDefinition', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com',
        scope: 'Namespaced',
        names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
      },
    };
    const crdFile = kubectl.file('crd.json', JSON.stringify(crd));
    expect((await kubectl.run(['apply', '-f', crdFile])).code).toBe(0);
    const cr = kubectl.file('cr.json', JSON.stringify({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'nightly', namespace: 'default' }, spec: { cronSpec: '0 3 * * *' } }));
    await expect.poll(async () => (await kubectl.run(['apply', '-f', cr])).code, { timeout: 20_000 }).toBe(0);
    await nav(() => page.goto(`${stack.url}/#/r/crontabs.stable.example.com?ns=default`));
    await page.getByRole('navigation', { name: 'Resources' }).getByRole('link', { name: 'CronTab (stable.example.com)' }).waitFor({ timeout: 10_000 });
    await page.locator('tr[data-name="nightly"]').waitFor({ timeout: 10_000 });
    await page.locator('tr[data-name="nightly"]').getByRole('link', { name: 'nightly' }).click();
    await page.getByRole('tab', { name: 'YAML' }).click();
    await expect.poll(() => page.getByTestId('yaml').textContent()).toContain('0 3 * * *');
    await shot('custom-resources');
  });

  it('signs out and forgets the token', async () => {
    await nav(() => page.goto(`${stack.url}/#/`));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').waitFor();
    expect(await sessionValues()).not.toContain(stack.token);
    await nav(() => page.reload());
    await page.getByLabel('Bearer token').waitFor();
    await shot('sign-in');
  });

  it('loads the overview cold and warm (timings reported, not asserted)', async () => {
    const fresh = await browser.newContext();
    try {
      await fresh.addInitScript((t) => (globalThis as unknown as Win).sessionStorage.setItem('kubeflare.console.token', t), stack.token);
      const p = await fresh.newPage();
      const load = async (navigate: () => Promise<unknown>) => {
        const t0 = Date.now();
        await navigate();
        await p.getByTestId('nodes').waitFor();
        await p.getByTestId('pods-total').waitFor();
        return Date.now() - t0;
      };
      timings.overviewCold = await load(() => nav(() => p.goto(`${stack.url}/#/`)));
      timings.overviewWarm = await load(() => nav(() => p.reload()));
      expect(await p.getByTestId('nodes').locator('tbody tr').count()).toBe(2);
      await expect.poll(() => p.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      expect(await p.getByTestId('pod-phases').textContent()).toContain('Running 1');
      await expect.poll(() => p.locator('.user').textContent()).toBe('admin');
      await p.screenshot({ path: join(ARTIFACTS, 'overview-with-workloads.png'), fullPage: true });
      // Dark mode, chosen in the header (the OS setting is the default).
      await p.getByRole('button', { name: /^Colour theme: system/ }).click();
      await p.getByRole('button', { name: /^Colour theme: light/ }).click();
      await expect.poll(() => p.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: { theme?: string } } } }).document.documentElement.dataset.theme)).toBe('dark');
      await p.screenshot({ path: join(ARTIFACTS, 'overview-dark.png'), fullPage: true });
    } finally {
      await fresh.close();
    }
  });
});
