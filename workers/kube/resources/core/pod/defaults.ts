// Kubernetes defaulting for pod specs (templates and pods). Applied in place after parsing.
import type { PodSpec } from './spec';
import type { Container } from './container';
import { VOLUME_SOURCE_KEYS } from './volume';
import { defaultPvcSpec } from '../pvc/defaults';

type Probe = NonNullable<Container['livenessProbe']>;
type Handler = { httpGet?: { path?: string; scheme?: string } };
type AnyContainer = Container & { targetContainerName?: string };

/** Image pull policy as upstream picks it: Always for :latest or untagged images, else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) {
    // A digest pins the image; a tag next to it is informational.
    return 'IfNotPresent';
  }
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? 'latest' : image.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: Handler | undefined) {
  if (!h?.httpGet) return;
  h.httpGet.path ??= '/';
  h.httpGet.scheme ??= 'HTTP';
}

function defaultProbe(p: Probe | undefined) {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

export function defaultContainer(c: AnyContainer) {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  // Upstream always serializes this struct, so clients see `resources: {}`.
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

// 0644, the mode projected files get unless the user chooses one.
const DEFAULT_MODE = 0o644;

function defaultVolumes(spec: PodSpec) {
  for (const v of spec.volumes ?? []) {
    const rec = v as Record<string, unknown>;
    // A volume without a source is an emptyDir, as upstream defaults it.
    if (!VOLUME_SOURCE_KEYS.some((k) => rec[k] !== undefined)) v.emptyDir = {};
    if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
    if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
    if (v.downwardAPI) v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    if (v.projected) {
      v.projected.defaultMode ??= DEFAULT_MODE;
      for (const s of v.projected.sources ?? []) {
        const tok = s.serviceAccountToken as { expirationSeconds?: number } | undefined;
        if (tok) tok.expirationSeconds ??= 3600;
      }
    }
    if (v.hostPath) v.hostPath.type ??= '';
    for (const f of v.downwardAPI?.items ?? []) if (f.fieldRef) f.fieldRef.apiVersion ??= 'v1';
    if (v.ephemeral?.volumeClaimTemplate) defaultPvcSpec(v.ephemeral.volumeClaimTemplate.spec);
  }
}

function hostNetworkPorts(cs: AnyContainer[] | undefined) {
  for (const c of cs ?? []) for (const p of c.ports ?? []) p.hostPort ??= p.containerPort;
}

/** Defaults shared by pods and pod templates. */
export function defaultPodSpec(spec: PodSpec) {
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  // The deprecated alias mirrors serviceAccountName both ways.
  if (spec.serviceAccountName === undefined && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName !== undefined) spec.serviceAccount = spec.serviceAccountName;
  if (spec.hostNetwork) {
    hostNetworkPorts(spec.containers);
    hostNetworkPorts(spec.initContainers);
  }
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  defaultVolumes(spec);
}

/** Defaults upstream applies to Pod objects only (not templates). */
export function defaultPodOnly(spec: PodSpec) {
  spec.enableServiceLinks ??= true;
  // Requests default to limits for each resource that has a limit.
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits || !c.resources) continue;
    const requests = (c.resources.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
  }
}
