// Semantic checks of one container (regular, init or ephemeral).
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Label } from '../../../validation/names';
import { enumValue, ianaSvcName, nonNegative, notFound, portInRange, resourceListValues, setKeys } from '../common/checks';
import { parseQuantity } from '../common/quantity';
import type { Container } from './container';
import { handlerKinds } from './probe';

export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
const ENV_NAME_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";

export interface ContainerContext {
  /** Names of the pod's volumes, for volumeMounts. */
  volumes: Set<string>;
  /** Port names seen so far in the pod (unique across containers). */
  portNames: Set<string>;
  kind: 'container' | 'init' | 'ephemeral';
}

type Probe = NonNullable<Container['livenessProbe']>;

function validateProbe(p: Probe | undefined, path: string, errs: FieldErrors, mustBeOne: boolean) {
  if (!p) return;
  const kinds = handlerKinds(p);
  if (kinds.length === 0) errs.required(path, 'must specify a handler type');
  else if (kinds.length > 1) errs.forbidden(`${path}.${kinds[1]}`, 'may not specify more than 1 handler type');
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const)
    nonNegative(errs, `${path}.${k}`, p[k]);
  if (mustBeOne && p.successThreshold !== undefined && p.successThreshold !== 1)
    errs.invalid(`${path}.successThreshold`, p.successThreshold, 'must be 1');
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0)
    errs.invalid(`${path}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0');
  if (p.httpGet) {
    enumValue(errs, `${path}.httpGet.scheme`, p.httpGet.scheme, ['HTTP', 'HTTPS']);
    validatePortRef(p.httpGet.port, `${path}.httpGet.port`, errs);
  }
  if (p.tcpSocket) validatePortRef(p.tcpSocket.port, `${path}.tcpSocket.port`, errs);
  if (p.grpc) portInRange(errs, `${path}.grpc.port`, p.grpc.port);
}

function validatePortRef(port: number | string, path: string, errs: FieldErrors) {
  if (typeof port === 'number') portInRange(errs, path, port);
  else for (const m of ianaSvcName(port)) errs.invalid(path, port, m);
}

function validateResources(c: Container, path: string, errs: FieldErrors) {
  const r = c.resources;
  if (!r) return;
  resourceListValues(errs, `${path}.limits`, r.limits);
  resourceListValues(errs, `${path}.requests`, r.requests);
  for (const [k, req] of Object.entries(r.requests ?? {})) {
    const lim = r.limits?.[k];
    if (lim === undefined) continue;
    const rq = parseQuantity(req);
    const lq = parseQuantity(lim);
    if (rq !== undefined && lq !== undefined && rq > lq)
      errs.invalid(`${path}.requests`, String(req), `must be less than or equal to ${k} limit of ${lim}`);
  }
}

export function validateContainer(c: Container, path: string, ctx: ContainerContext, errs: FieldErrors) {
  if (!c.name) errs.required(`${path}.name`);
  else for (const m of dns1123Label(c.name)) errs.invalid(`${path}.name`, c.name, m);
  if (!c.image && ctx.kind !== 'ephemeral') errs.required(`${path}.image`);
  else if (c.image !== undefined && c.image !== c.image.trim()) errs.invalid(`${path}.image`, c.image, 'must not have leading or trailing whitespace');
  enumValue(errs, `${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES);
  enumValue(errs, `${path}.terminationMessagePolicy`, c.terminationMessagePolicy, MESSAGE_POLICIES);

  if (c.restartPolicy !== undefined) {
    if (ctx.kind !== 'init') errs.forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers');
    else enumValue(errs, `${path}.restartPolicy`, c.restartPolicy, ['Always']);
  }

  (c.ports ?? []).forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (p.containerPort === undefined) errs.required(`${pp}.containerPort`);
    else portInRange(errs, `${pp}.containerPort`, p.containerPort);
    portInRange(errs, `${pp}.hostPort`, p.hostPort, true);
    enumValue(errs, `${pp}.protocol`, p.protocol, PROTOCOLS);
    if (p.name !== undefined) {
      for (const m of ianaSvcName(p.name)) errs.invalid(`${pp}.name`, p.name, m);
      if (ctx.portNames.has(p.name)) errs.duplicate(`${pp}.name`, p.name);
      ctx.portNames.add(p.name);
    }
  });

  (c.env ?? []).forEach((e, i) => {
    const ep = `${path}.env[${i}]`;
    if (!e.name) errs.required(`${ep}.name`);
    else if (!/^[\x20-\x7e]+$/.test(e.name) || e.name.includes('=')) errs.invalid(`${ep}.name`, e.name, ENV_NAME_MSG);
    if (e.valueFrom) {
      const srcs = setKeys(e.valueFrom, ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef']);
      if (srcs.length === 0) errs.invalid(`${ep}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
      else if (srcs.length > 1) errs.invalid(`${ep}.valueFrom`, '', 'may not have more than one field specified at a time');
      if (e.value) errs.invalid(`${ep}.valueFrom`, '', 'may not be specified when `value` is not empty');
    }
  });

  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const mp = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.required(`${mp}.name`);
    else if (!ctx.volumes.has(m.name)) notFound(errs, `${mp}.name`, m.name);
    if (!m.mountPath) errs.required(`${mp}.mountPath`);
    else if (mountPaths.has(m.mountPath)) errs.invalid(`${mp}.mountPath`, m.mountPath, 'must be unique');
    else mountPaths.add(m.mountPath);
    if (m.subPath && m.subPathExpr) errs.invalid(`${mp}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive');
    enumValue(errs, `${mp}.mountPropagation`, m.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']);
  });

  const probeOne = ctx.kind === 'container' || c.restartPolicy === 'Always';
  if (ctx.kind === 'ephemeral' || (ctx.kind === 'init' && c.restartPolicy !== 'Always')) {
    // Probes and lifecycle hooks only make sense for long-running containers.
    for (const k of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const)
      if (c[k] !== undefined) errs.forbidden(`${path}.${k}`, `may not be set for ${ctx.kind === 'init' ? 'init' : 'ephemeral'} containers`);
  } else {
    validateProbe(c.livenessProbe, `${path}.livenessProbe`, errs, true);
    validateProbe(c.readinessProbe, `${path}.readinessProbe`, errs, false);
    validateProbe(c.startupProbe, `${path}.startupProbe`, errs, probeOne);
    for (const k of ['postStart', 'preStop'] as const) {
      const h = c.lifecycle?.[k];
      if (!h) continue;
      const kinds = handlerKinds(h);
      if (kinds.length === 0) errs.required(`${path}.lifecycle.${k}`, 'must specify a handler type');
      else if (kinds.length > 1) errs.forbidden(`${path}.lifecycle.${k}.${kinds[1]}`, 'may not specify more than 1 handler type');
    }
  }
  validateResources(c, `${path}.resources`, errs);
}
