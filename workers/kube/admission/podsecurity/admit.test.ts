import { describe, it, expect } from 'vitest';
import { admitPod, admitTemplate, AUDIT_ENFORCE_POLICY, AUDIT_ERROR, AUDIT_EXEMPT, AUDIT_VIOLATIONS } from './admit';
import { policyFromNamespaceLabels } from './policy';
import { podTemplateOf } from './update';
import { plainPod, podWith, restrictedPod } from './test-pods';

const P = 'pod-security.kubernetes.io/';
const RESTRICTED_DETAIL =
  'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
  'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
  'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
  'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")';

describe('policyFromNamespaceLabels', () => {
  const lv = (level: string, version = 'latest') => ({ level, version });

  it('defaults every mode to privileged:latest', () => {
    expect(policyFromNamespaceLabels({})).toEqual({ enforce: lv('privileged'), audit: lv('privileged'), warn: lv('privileged'), errors: [] });
  });

  it('warns at the enforce level and version when warn is unset and enforce is stricter', () => {
    const p = policyFromNamespaceLabels({ [`${P}enforce`]: 'restricted', [`${P}enforce-version`]: 'v1.24' });
    expect(p.warn).toEqual(lv('restricted', 'v1.24'));
    expect(p.audit).toEqual(lv('privileged'));
    expect(policyFromNamespaceLabels({ [`${P}enforce`]: 'baseline', [`${P}warn-version`]: 'v1.30' }).warn).toEqual(lv('baseline', 'v1.30'));
    expect(policyFromNamespaceLabels({ [`${P}enforce`]: 'baseline', [`${P}warn`]: 'privileged' }).warn).toEqual(lv('privileged'));
  });

  it('reads each mode independently', () => {
    const p = policyFromNamespaceLabels({ [`${P}enforce`]: 'baseline', [`${P}audit`]: 'restricted', [`${P}warn`]: 'restricted', [`${P}warn-version`]: 'v1.0' });
    expect(p).toEqual({ enforce: lv('baseline'), audit: lv('restricted'), warn: lv('restricted', 'v1.0'), errors: [] });
  });

  it('fails closed on a bad enforce level, open on bad audit and warn levels, and to latest on bad versions', () => {
    const p = policyFromNamespaceLabels({ [`${P}enforce`]: 'strict', [`${P}audit`]: 'loud', [`${P}warn-version`]: '1.25' });
    expect(p.enforce).toEqual(lv('restricted'));
    expect(p.audit).toEqual(lv('privileged'));
    expect(p.warn).toEqual(lv('privileged')); // an invalid enforce level does not carry over to warn
    expect(p.errors).toEqual([
      `metadata.labels[${P}enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted`,
      `metadata.labels[${P}audit]: Invalid value: "loud": must be one of privileged, baseline, restricted`,
      `metadata.labels[${P}warn-version]: Invalid value: "1.25": must be "latest" or "v1.x"`,
    ]);
  });
});

describe('admitPod', () => {
  it('refuses with upstream\'s 403 under enforce', () => {
    const r = admitPod(plainPod(), { [`${P}enforce`]: 'restricted' });
    expect(r.deny?.code).toBe(403);
    expect(r.deny?.toStatus()).toMatchObject({
      reason: 'Forbidden',
      message: `pods "web" is forbidden: violates PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}`,
      details: { name: 'web', kind: 'pods' },
    });
    expect(r.warnings).toEqual([]); // no warnings on a refused request
    expect(r.audit).toEqual({ [AUDIT_ENFORCE_POLICY]: 'restricted:latest' });
  });

  it('admits with a warning under warn, and records audit violations under audit', () => {
    const r = admitPod(plainPod(), { [`${P}warn`]: 'restricted', [`${P}audit`]: 'baseline', [`${P}audit-version`]: 'v1.25' });
    expect(r.deny).toBeUndefined();
    expect(r.warnings).toEqual([`would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}`]);
    expect(r.audit).toEqual({ [AUDIT_ENFORCE_POLICY]: 'privileged:latest' }); // the pod meets baseline

    const host = podWith((s) => (s.hostPID = true));
    const a = admitPod(host, { [`${P}audit`]: 'baseline', [`${P}enforce`]: 'privileged' });
    expect(a.warnings).toEqual([]);
    expect(a.audit).toEqual({ [AUDIT_ENFORCE_POLICY]: 'privileged:latest', [AUDIT_VIOLATIONS]: 'would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)' });
  });

  it('enforces baseline while warning about restricted', () => {
    const r = admitPod(plainPod(), { [`${P}enforce`]: 'baseline', [`${P}warn`]: 'restricted', [`${P}warn-version`]: 'v1.21' });
    expect(r.deny).toBeUndefined();
    // At v1.21 the restricted capability rule did not exist yet.
    expect(r.warnings[0]).toMatch(/^would violate PodSecurity "restricted:v1\.21": allowPrivilegeEscalation != false .*runAsNonRoot != true .*seccompProfile /);
    expect(r.warnings[0]).not.toContain('unrestricted capabilities');
  });

  it('admits compliant pods silently and skips fully privileged namespaces', () => {
    expect(admitPod(restrictedPod(), { [`${P}enforce`]: 'restricted' })).toEqual({ warnings: [], audit: { [AUDIT_ENFORCE_POLICY]: 'restricted:latest' } });
    expect(admitPod(plainPod(), {})).toEqual({ warnings: [] });
    expect(admitPod(plainPod(), undefined)).toEqual({ warnings: [] });
  });

  it('records label errors and enforces restricted for an invalid enforce level', () => {
    const r = admitPod(plainPod(), { [`${P}enforce`]: 'bogus' });
    expect(r.deny?.message).toContain('violates PodSecurity "restricted:latest"');
    expect(r.audit?.[AUDIT_ERROR]).toBe(`Failed to parse policy: metadata.labels[${P}enforce]: Invalid value: "bogus": must be one of privileged, baseline, restricted`);
  });

  it('says "pods is forbidden" when the pod has no name yet', () => {
    const pod = plainPod();
    delete pod.metadata!.name;
    expect(admitPod(pod, { [`${P}enforce`]: 'restricted' }).deny?.message).toMatch(/^pods is forbidden: violates PodSecurity/);
  });

  it('re-evaluates updates only when images or ephemeral containers change', () => {
    const labels = { [`${P}enforce`]: 'restricted' };
    const old = plainPod();
    const relabelled = { ...plainPod(), metadata: { name: 'web', annotations: { note: 'x' } } };
    expect(admitPod(relabelled, labels, { oldPod: old }).deny).toBeUndefined();
    const newImage = plainPod();
    newImage.spec!.containers[0].image = 'nginx:2';
    expect(admitPod(newImage, labels, { oldPod: old }).deny).toBeDefined();
    const debug = plainPod();
    debug.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    expect(admitPod(debug, labels, { oldPod: old }).deny).toBeDefined();
    expect(admitPod(debug, labels, { oldPod: old, subresource: 'ephemeralcontainers' }).deny).toBeDefined();
    expect(admitPod(debug, labels, { subresource: 'status' })).toEqual({ warnings: [] });
  });

  it('honours exemptions', () => {
    const labels = { [`${P}enforce`]: 'restricted' };
    const exemptions = { namespaces: ['kube-system'], usernames: ['admin'], runtimeClasses: ['kata'] };
    expect(admitPod(plainPod(), labels, { namespace: 'kube-system', exemptions })).toEqual({ warnings: [], audit: { [AUDIT_EXEMPT]: 'namespace' } });
    expect(admitPod(plainPod(), labels, { username: 'admin', exemptions })).toEqual({ warnings: [], audit: { [AUDIT_EXEMPT]: 'user' } });
    const kata = plainPod();
    kata.spec!.runtimeClassName = 'kata';
    expect(admitPod(kata, labels, { exemptions })).toEqual({ warnings: [], audit: { [AUDIT_EXEMPT]: 'runtimeClass' } });
  });
});

describe('admitTemplate', () => {
  const deployment = { kind: 'Deployment', spec: { template: { metadata: { labels: { app: 'web' } }, spec: plainPod().spec } } };

  it('warns and audits but never refuses a workload template', () => {
    const r = admitTemplate(podTemplateOf(deployment), { [`${P}enforce`]: 'restricted', [`${P}audit`]: 'restricted' });
    expect(r.deny).toBeUndefined();
    expect(r.warnings).toEqual([`would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}`]);
    expect(r.audit).toEqual({ [AUDIT_VIOLATIONS]: `would violate PodSecurity "restricted:latest": ${RESTRICTED_DETAIL}` });
  });

  it('skips namespaces whose warn and audit are privileged', () => {
    expect(admitTemplate(podTemplateOf(deployment), { [`${P}enforce`]: 'restricted', [`${P}warn`]: 'privileged' })).toEqual({ warnings: [] });
  });

  it('finds templates by kind', () => {
    const tpl = { spec: { containers: [] } };
    expect(podTemplateOf({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: tpl } } } })).toBe(tpl);
    expect(podTemplateOf({ kind: 'StatefulSet', spec: { template: tpl } })).toBe(tpl);
    expect(podTemplateOf({ kind: 'ConfigMap' })).toBeUndefined();
  });
});
