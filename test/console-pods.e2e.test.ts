// The console's write actions and pod streams in real Chromium against the local stack with a real
// node (podman containers through the agent): apply YAML with errors shown at their lines, then a
// Deployment; follow its pod's logs; run commands in a shell over the exec WebSocket; rollout restart,
// pause/resume and undo; cordon, uncordon and drain the node (a PodDisruptionBudget's refusal shown).
// kubectl checks every result. Screenshots go to .artifacts/console.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentCluster, BUSYBOX_IMAGE, startAgentCluster } from './support/agent-cluster';
import { launchChromium, nav, signedInContext } from './support/console-browser';

const ARTIFACTS = process.env.KUBEFLARE_ARTIFACTS ? join(process.env.KUBEFLARE_ARTIFACTS, 'console') : join(__dirname, '..', '.artifacts', 'console');

let c: AgentCluster;
let browser: Browser;
let page: Page;
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const kubectl = (...args: string[]) => c.kubectl.run(args);

// main prints what is dropped into /tmp/say, so the test makes it log a line when it wants to.
const deployment = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: talker
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: talker
  template:
    metadata:
      labels:
        app: talker
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: main
          image: ${BUSYBOX_IMAGE}
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", "echo first-line; while :; do if [ -f /tmp/say ]; then cat /tmp/say; rm /tmp/say; fi; sleep 0.2; done"]
`;

/** Replaces the editor's text as typed input (CodeMirror sees it like a paste). */
async function setEditor(text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function talkerPod(): Promise<string> {
  const r = await kubectl('get', 'pods', '-l', 'app=talker', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].metadata.name}');
  const names = r.stdout.trim().split(/\s+/).filter(Boolean);
  if (names.length !== 1) throw new Error(`want one running talker pod, have [${names.join(' ')}]`);
  return names[0];
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  c = await startAgentCluster({ name: 'console' });
  browser = await launchChromium(c.stack.stateDir);
  page = await (await signedInContext(browser, c.stack.token)).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await c?.close();
});

describe('console: apply, logs, shell, rollout and node actions', () => {
  it('shows a YAML syntax error and the server’s field errors at their lines, then applies', async () => {
    await nav(() => page.goto(`${c.stack.url}/#/apply`));
    await page.locator('.cm-content').waitFor();
    await setEditor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('diagnostics').textContent()).toMatch(/Line [45]: /);

    // replicas: -1 is line 7; the server's 422 names spec.replicas.
    await setEditor(deployment('-1'));
    await page.getByRole('button', { name: 'Apply' }).click();
    const diag = page.getByTestId('diagnostics');
    await expect.poll(() => diag.textContent()).toContain('Line 7: spec.replicas');
    expect(await page.getByTestId('results').textContent()).toContain('is invalid');
    // The editor marks that line: a lint marker in the gutter next to line 7.
    await expect.poll(() => page.locator('.cm-gutter-lint .cm-gutterElement').filter({ has: page.locator('.cm-lint-marker-error') }).count()).toBe(1);
    const markerTop = await page.locator('.cm-lint-marker-error').first().boundingBox();
    const line7 = await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^7$/ }).boundingBox();
    expect(Math.abs((markerTop?.y ?? 0) - (line7?.y ?? 1e9))).toBeLessThan(line7?.height ?? 20);
    expect((await kubectl('get', 'deployment', 'talker')).stderr).toContain('NotFound');
    await shot('apply-error');

    await setEditor(deployment('1'));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('results').textContent()).toContain('deployments/talker in default: created');
    const got = await kubectl('get', 'deployment', 'talker', '-o', 'jsonpath={.metadata.managedFields[0].manager}/{.spec.replicas}');
    expect(got.stdout).toBe('kubeflare-console/1');
  });

  it('follows a pod’s logs: a line written after the page opened arrives', async () => {
    await expect.poll(talkerPod, { timeout: 90_000, interval: 1000 }).toMatch(/^talker-/);
    const name = await talkerPod();
    await nav(() => page.goto(`${c.stack.url}/#/r/pods/default/${name}?tab=logs`));
    const logs = page.getByTestId('logs');
    await expect.poll(() => logs.textContent(), { timeout: 20_000 }).toContain('first-line');
    const r = await kubectl('exec', name, '--', 'sh', '-c', 'echo said-after-follow > /tmp/say');
    expect(r.code, r.stderr).toBe(0);
    await expect.poll(() => logs.textContent(), { timeout: 20_000 }).toContain('said-after-follow');
    expect(await page.getByRole('status').filter({ hasText: 'Following' }).count()).toBe(1);
    await shot('pod-logs');
  });

  it('runs commands in a shell over the exec WebSocket', async () => {
    const name = await talkerPod();
    await nav(() => page.goto(`${c.stack.url}/#/r/pods/default/${name}?tab=shell`));
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => page.getByTestId('shell-status').textContent(), { timeout: 20_000 }).toBe('Connected (v5.channel.k8s.io)');
    await page.keyboard.type('echo shell-says-$((6*7)) > /tmp/say; echo typed-$((2+3))\r');
    await expect.poll(() => page.locator('.xterm-rows').textContent(), { timeout: 20_000 }).toContain('typed-5');
    // The command really ran in the container: the line it dropped shows up in kubectl logs.
    await expect.poll(async () => (await kubectl('logs', name)).stdout, { timeout: 20_000 }).toContain('shell-says-42');
    await shot('pod-shell');
    await page.keyboard.type('exit 3\r');
    await expect.poll(() => page.getByTestId('shell-status').textContent(), { timeout: 20_000 }).toContain('Exited with code 3');
  });

  it('restarts, pauses, resumes and undoes a rollout', async () => {
    await nav(() => page.goto(`${c.stack.url}/#/r/deployments.apps/default/talker`));
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.getByRole('status').filter({ hasText: 'Restarted.' }).waitFor();
    const restartedAt = () => kubectl('get', 'deployment', 'talker', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}');
    expect((await restartedAt()).stdout).toMatch(/^\d{4}-\d\d-\d\dT/);
    // Two revisions now, listed from the ReplicaSets' annotations.
    await expect.poll(() => page.getByTestId('revisions').locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);

    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').filter({ hasText: 'Paused.' }).waitFor();
    await expect.poll(async () => (await kubectl('get', 'deployment', 'talker', '-o', 'jsonpath={.spec.paused}')).stdout).toBe('true');
    // Undo refuses while paused, with kubectl's message.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('resume it first');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status').filter({ hasText: 'Resumed.' }).waitFor();
    await expect.poll(async () => (await kubectl('get', 'deployment', 'talker', '-o', 'jsonpath={.spec.paused}')).stdout).toBe('false');
    // The page follows the object: Pause is offered again once the resumed Deployment arrives.
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    await page.getByLabel('Revision').selectOption('1');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Rollout actions' }).textContent(), { timeout: 20_000 }).toContain('Rolled back to revision 1.');
    expect((await restartedAt()).stdout).toBe('');
    await expect.poll(async () => (await kubectl('rollout', 'history', 'deployment/talker')).stdout, { timeout: 20_000 }).toMatch(/^2\s/m);
    await expect.poll(async () => (await kubectl('rollout', 'history', 'deployment/talker')).stdout, { timeout: 20_000 }).toMatch(/^3\s/m);
    await shot('deployment-rollout');
  });

  it('cordons, uncordons and drains the node; a disruption budget’s refusal is shown', async () => {
    await expect.poll(talkerPod, { timeout: 60_000, interval: 1000 }).toMatch(/^talker-/);
    await nav(() => page.goto(`${c.stack.url}/#/r/nodes/_/${c.nodeName}`));
    await page.getByRole('button', { name: 'Cordon' }).click();
    await expect.poll(async () => (await kubectl('get', 'node', c.nodeName, '-o', 'jsonpath={.spec.unschedulable}')).stdout).toBe('true');
    await page.getByRole('button', { name: 'Uncordon' }).click();
    await expect.poll(async () => (await kubectl('get', 'node', c.nodeName, '-o', 'jsonpath={.spec.unschedulable}')).stdout).toBe('');

    expect((await kubectl('create', 'poddisruptionbudget', 'talker', '--selector=app=talker', '--min-available=1')).code).toBe(0);
    await expect.poll(async () => (await kubectl('get', 'pdb', 'talker', '-o', 'jsonpath={.status.expectedPods}')).stdout, { timeout: 20_000 }).toBe('1');
    const pod = await talkerPod();
    await page.getByRole('button', { name: 'Drain' }).click();
    await expect.poll(() => page.getByTestId('drain').textContent(), { timeout: 20_000 }).toContain(`default/${pod}: refused by a disruption budget`);
    expect((await kubectl('get', 'node', c.nodeName, '-o', 'jsonpath={.spec.unschedulable}')).stdout).toBe('true');
    await shot('node-drain');

    expect((await kubectl('delete', 'pdb', 'talker')).code).toBe(0);
    await page.getByRole('button', { name: 'Drain' }).click();
    await expect.poll(() => page.getByTestId('drain').textContent(), { timeout: 20_000 }).toContain(`default/${pod}: evicted`);
    await expect.poll(async () => (await kubectl('get', 'pod', pod)).stderr, { timeout: 30_000 }).toContain('NotFound');
    // Cordoned, so the replacement waits: Pending.
    await expect.poll(async () => (await kubectl('get', 'pods', '-l', 'app=talker', '-o', 'jsonpath={.items[*].status.phase}')).stdout, { timeout: 20_000 }).toBe('Pending');
    await page.getByRole('button', { name: 'Uncordon' }).click();
    await expect.poll(async () => (await kubectl('get', 'node', c.nodeName, '-o', 'jsonpath={.spec.unschedulable}')).stdout).toBe('');
  });
});
