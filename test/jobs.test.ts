// The Job and CronJob controllers on the real stack (one stack: starting it is most of the cost),
// with simulated nodes whose pods exit on request (sim.kubeflare.dev/exit-after-ms): completions and
// parallelism, Indexed jobs, the backoff limit, TTL after finishing, missed CronJob runs, history
// limits, and kubectl's view of it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster } from '../agent/src/sim';
import { EXIT_AFTER_ANNOTATION, EXIT_CODE_ANNOTATION } from '../agent/src/sim/pod-status';
import { ApiClient } from '../workers/kube/client';
import { eventually } from './eventually';
import { type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
let fetcher: NodeFetcher;
let sim: SimCluster;
let kubectl: Kubectl;

beforeAll(async () => {
  // A one-second pod back-off keeps the failing job's retries quick.
  stack = await startTestStack({ JOB_BACKOFF_BASE_SECONDS: '1' });
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'jobs-test' });
  sim = new SimCluster({ api, nodes: { count: 3, zones: 1 }, markRunning: true, heartbeatSeconds: 5 });
  await sim.start();
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await sim?.stop(5_000);
  fetcher?.close();
  await stack?.close();
});

const JOBS = '/apis/batch/v1/namespaces/default/jobs';
const TRACKING = 'batch.kubernetes.io/job-tracking';

interface JobView {
  metadata: { name: string; uid: string };
  status?: { succeeded?: number; failed?: number; active?: number; completedIndexes?: string; completionTime?: string; uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] }; conditions?: { type: string; status: string; reason?: string }[] };
}
interface PodView {
  metadata: { name: string; finalizers?: string[]; annotations?: Record<string, string>; ownerReferences?: { kind: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[] };
  spec: { hostname?: string; restartPolicy?: string; containers: { env?: { name: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[] }[] };
  status?: { phase?: string };
}

function jobManifest(name: string, spec: Record<string, unknown>, exit: { afterMs: number; code: number }) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        metadata: { annotations: { [EXIT_AFTER_ANNOTATION]: String(exit.afterMs), [EXIT_CODE_ANNOTATION]: String(exit.code) } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'exit 0'] }] },
      },
    },
  };
}

const getJob = async (name: string) => (await stack.client.get(`${JOBS}/${name}`)).json as JobView;
const podsOf = async (name: string) => (await stack.client.get(`/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(`batch.kubernetes.io/job-name=${name}`)}`)).json.items as PodView[];
const trueConds = (j: JobView) => (j.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);

async function finished(name: string, type: 'Complete' | 'Failed'): Promise<JobView> {
  return eventually(async () => {
    const j = await getJob(name);
    return trueConds(j).includes(type) ? j : undefined;
  }, 90_000, `job ${name} ${type}`);
}

describe('Job controller', () => {
  it('runs completions 3 with parallelism 2 to Complete, counting each pod once', async () => {
    expect((await stack.client.post(JOBS, jobManifest('three', { completions: 3, parallelism: 2 }, { afterMs: 300, code: 0 }))).status).toBe(201);
    const wait = await kubectl.run(['wait', '--for=condition=complete', 'job/three', '--timeout=90s'], 100_000);
    expect(wait.stdout + wait.stderr).toContain('job.batch/three condition met');
    const j = await finished('three', 'Complete');
    expect(j.status).toMatchObject({ succeeded: 3, failed: 0, active: 0 });
    expect(j.status?.completionTime).toBeTruthy();
    expect(trueConds(j)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(j.status?.uncountedTerminatedPods ?? {}).toEqual({});
    const pods = await podsOf('three');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    // Every finalizer removed once counted, and every pod controlled (and blocking) by the Job.
    expect(pods.every((p) => !(p.metadata.finalizers ?? []).includes(TRACKING))).toBe(true);
    expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.uid === j.metadata.uid && p.metadata.ownerReferences[0].blockOwnerDeletion === true)).toBe(true);
    const table = await kubectl.run(['get', 'jobs', 'three'], 30_000);
    expect(table.stdout).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/);
    expect(table.stdout).toMatch(/three\s+Complete\s+3\/3\s+\d+s/);
  });

  it('gives each pod of an Indexed job its completion index', async () => {
    await stack.client.post(JOBS, jobManifest('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }, { afterMs: 200, code: 0 }));
    const j = await finished('indexed', 'Complete');
    expect(j.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    const pods = await podsOf('indexed');
    const indexes = pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    expect(indexes).toEqual(['0', '1', '2']);
    for (const p of pods) {
      const ix = p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
      expect(p.spec.hostname).toBe(`indexed-${ix}`);
      expect(p.spec.containers[0].env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } });
    }
  });

  it('stops a failing job at its backoff limit', async () => {
    await stack.client.post(JOBS, jobManifest('fails', { backoffLimit: 1 }, { afterMs: 200, code: 3 }));
    const j = await finished('fails', 'Failed');
    expect(j.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(trueConds(j)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status).toMatchObject({ failed: 2, succeeded: 0, active: 0 });
    const pods = await podsOf('fails');
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed']);
    expect(pods.every((p) => !(p.metadata.finalizers ?? []).includes(TRACKING))).toBe(true);
  });

  it('runs nothing while suspended and everything once resumed', async () => {
    await stack.client.post(JOBS, jobManifest('paused', { suspend: true, completions: 2, parallelism: 2 }, { afterMs: 200, code: 0 }));
    const suspended = await eventually(async () => {
      const j = await getJob('paused');
      return trueConds(j).includes('Suspended') ? j : undefined;
    }, 60_000, 'Suspended condition');
    expect(suspended.status?.active ?? 0).toBe(0);
    expect(await podsOf('paused')).toEqual([]);
    await stack.client.patch(`${JOBS}/paused`, { spec: { suspend: false } });
    const j = await finished('paused', 'Complete');
    expect(j.status?.succeeded).toBe(2);
    expect(j.status?.conditions?.find((c) => c.type === 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' });
  });

  it('fails a job past activeDeadlineSeconds and stops its pods', async () => {
    // Pods that never exit: only the deadline ends this job.
    const manifest = jobManifest('late', { activeDeadlineSeconds: 2, parallelism: 2, completions: 2 }, { afterMs: 0, code: 0 });
    delete (manifest.spec.template.metadata as { annotations?: unknown }).annotations;
    await stack.client.post(JOBS, manifest);
    const j = await finished('late', 'Failed');
    expect(j.status?.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('DeadlineExceeded');
    expect(j.status?.active).toBe(0);
    await eventually(async () => ((await podsOf('late')).length === 0 ? true : undefined), 60_000, 'pods stopped');
  });

  it('deletes a finished job after ttlSecondsAfterFinished, and its pods with it', async () => {
    await stack.client.post(JOBS, jobManifest('brief', { ttlSecondsAfterFinished: 0 }, { afterMs: 100, code: 0 }));
    await eventually(async () => ((await stack.client.get(`${JOBS}/brief`)).status === 404 ? true : undefined), 60_000, 'job deleted');
    await eventually(async () => ((await podsOf('brief')).length === 0 ? true : undefined), 60_000, 'pods collected');
    expect(await podsOf('brief')).toEqual([]);
  });
});

const CJS = '/apis/batch/v1/namespaces/default/cronjobs';
const SCHEDULED = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface CronJobJobView {
  metadata: { name: string; annotations?: Record<string, string>; ownerReferences?: { kind: string; uid: string; controller?: boolean }[] };
  status?: { conditions?: { type: string; status: string }[] };
}
interface CronJobView {
  metadata: { uid: string };
  status?: { active?: { name: string }[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

const cronJob = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: {
    schedule: '* * * * *',
    suspend: true,
    ...extra,
    jobTemplate: {
      spec: {
        template: {
          metadata: { annotations: { [EXIT_AFTER_ANNOTATION]: '200' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
        },
      },
    },
  },
});

const jobsOf = async (cj: CronJobView) =>
  ((await stack.client.get('/apis/batch/v1/namespaces/default/jobs')).json.items as CronJobJobView[]).filter((j) => j.metadata.ownerReferences?.some((r) => r.controller && r.uid === cj.metadata.uid));
const complete = (j: CronJobJobView) => (j.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');

describe('CronJob controller', () => {
  it('after missed minutes runs one catch-up Job, named after its minute, and records it', async () => {
    const cj = (await stack.client.post(CJS, cronJob('tick', { concurrencyPolicy: 'Forbid' }))).json as CronJobView;
    const missedFrom = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 60_000;
    const patched = await stack.client.patch(`${CJS}/tick/status`, { status: { lastScheduleTime: new Date(missedFrom).toISOString().replace('.000Z', 'Z') } });
    expect(patched.status).toBe(200);
    const resumedAt = Date.now();
    await stack.client.patch(`${CJS}/tick`, { spec: { suspend: false } });
    const first = await eventually(async () => {
      const l = await jobsOf(cj);
      return l.length ? l : undefined;
    }, 60_000, 'a job');
    // At least three minutes were missed; only the most recent one ran: no Job is for a minute before
    // the one the CronJob resumed in (later Jobs are the schedule going on, one per minute).
    const scheduled = (j: CronJobJobView) => Date.parse(j.metadata.annotations?.[SCHEDULED] ?? '');
    const times = first.map(scheduled).sort((a, b) => a - b);
    const at = times[0];
    expect(at).toBeGreaterThanOrEqual(Math.floor(resumedAt / 60_000) * 60_000);
    expect(at).toBeGreaterThan(missedFrom);
    expect(new Set(times).size).toBe(times.length);
    expect(at % 60_000).toBe(0);
    const catchUp = first.filter((j) => scheduled(j) === at);
    expect(catchUp[0].metadata.name).toBe(`tick-${at / 60_000}`);
    const done = await eventually(async () => {
      const s = ((await stack.client.get(`${CJS}/tick`)).json as CronJobView).status;
      return s?.lastSuccessfulTime && !(s.active ?? []).some((r) => r.name === catchUp[0].metadata.name) ? s : undefined;
    }, 60_000, 'the job to be seen complete');
    expect(Date.parse(done.lastScheduleTime!)).toBeGreaterThanOrEqual(at);
    // The controller's event recorder sends events after the status write, in the background.
    const reasons = await eventually(async () => {
      const items = (await stack.client.get('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dtick')).json.items as { reason: string }[];
      const r = items.map((e) => e.reason);
      return r.includes('SawCompletedJob') ? r : undefined;
    }, 30_000, 'the SawCompletedJob event');
    expect(reasons).toContain('SuccessfulCreate');
    const table = await kubectl.run(['get', 'cronjobs', 'tick'], 30_000);
    expect(table.stdout).toMatch(/tick\s+\* \* \* \* \*\s+<none>\s+False\s+\d+\s+\d+s/);
  });

  it('keeps only successfulJobsHistoryLimit finished Jobs, including ones made with kubectl create job --from', async () => {
    const cj = (await stack.client.post(CJS, cronJob('hist', { successfulJobsHistoryLimit: 1 }))).json as CronJobView;
    // Created in order; start times tie at second precision, and then creation order and name decide.
    for (const name of ['h1', 'h2', 'h3']) {
      const r = await kubectl.run(['create', 'job', name, '--from=cronjob/hist'], 30_000);
      expect(r.stdout, r.stderr).toContain(`job.batch/${name} created`);
    }
    const left = await eventually(async () => {
      const l = await jobsOf(cj);
      return l.length === 1 && complete(l[0]) ? l : undefined;
    }, 60_000, 'history pruned to one');
    expect(left.map((j) => j.metadata.name)).toEqual(['h3']);
  });
});
