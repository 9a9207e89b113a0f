// A container's environment, resolved as the kubelet does before creating it: envFrom sources first,
// then env entries in order (a later name wins); literal values expand $(VAR) references to names
// defined before them; valueFrom reads the downward API, ConfigMaps and Secrets. A missing required
// source fails the container with CreateContainerConfigError and upstream's wording.
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import type { ConfigMap, ObjectSource, Secret } from '../objects';
import { expand, mappingFor } from './expand';
import { fieldRefValue, resourceFieldValue, type DownwardContext } from './downward';

export { expand, mappingFor } from './expand';
export { fieldRefValue, resourceFieldValue, formatMap, type DownwardContext } from './downward';

export interface EnvContext {
  nodeName: string;
  hostIP: string;
  podIPs: string[];
  hostIPs?: string[];
  /** Node allocatable (cpu, memory, ephemeral-storage) for resourceFieldRef when a limit is unset. */
  allocatable?: Record<string, string>;
  /** Service link variables (FOO_SERVICE_HOST, ...); visible to $(VAR) and added unless env sets the name. */
  serviceEnv?: Record<string, string>;
}

export type EnvVarOut = { name: string; value: string };
export type EnvResult =
  | { ok: true; env: EnvVarOut[]; /** envFrom keys skipped as invalid names (upstream records an event). */ invalidKeys?: string[] }
  | { ok: false; reason: 'CreateContainerConfigError'; message: string };

/** Env var names the API accepts: printable ASCII except "=" (relaxed validation, default since 1.32). */
export function isEnvVarName(name: string): boolean {
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(name);
}

class ConfigError extends Error {}

/** Lookups memoised per call, as upstream caches each object once per container. */
function lookups(objects: ObjectSource, ns: string) {
  const cms = new Map<string, Promise<ConfigMap | null>>();
  const secrets = new Map<string, Promise<Secret | null>>();
  return {
    configMap(name: string) {
      if (!cms.has(name)) cms.set(name, objects.getConfigMap(ns, name));
      return cms.get(name)!;
    },
    secret(name: string) {
      if (!secrets.has(name)) secrets.set(name, objects.getSecret(ns, name));
      return secrets.get(name)!;
    },
  };
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

export async function resolveEnv(pod: Pod, container: Container, objects: ObjectSource, ctx: EnvContext): Promise<EnvResult> {
  try {
    return await resolve(pod, container, objects, ctx);
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, reason: 'CreateContainerConfigError', message: e.message };
    throw e;
  }
}

async function resolve(pod: Pod, container: Container, objects: ObjectSource, ctx: EnvContext): Promise<EnvResult> {
  const ns = pod.metadata.namespace ?? 'default';
  const get = lookups(objects, ns);
  const vars = new Map<string, string>();
  const invalidKeys: string[] = [];

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      const name = from.configMapRef.name ?? '';
      const cm = await get.configMap(name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${name}" not found`);
      }
      data = cm.data ?? {};
    } else if (from.secretRef) {
      const name = from.secretRef.name ?? '';
      const s = await get.secret(name);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${name}" not found`);
      }
      data = Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, decode(v)]));
    }
    for (const [k, v] of Object.entries(data ?? {})) {
      const key = prefix + k;
      if (!isEnvVarName(key)) {
        invalidKeys.push(key);
        continue;
      }
      vars.set(key, v);
    }
  }

  const serviceEnv = new Map(Object.entries(ctx.serviceEnv ?? {}));
  const mapping = mappingFor(vars, serviceEnv);
  const downward: DownwardContext = { nodeName: ctx.nodeName, hostIP: ctx.hostIP, hostIPs: ctx.hostIPs, podIPs: ctx.podIPs };

  for (const e of container.env ?? []) {
    let value = e.value ?? '';
    const from = e.valueFrom;
    if (value !== '') value = expand(value, mapping);
    else if (from?.fieldRef) value = guard(() => fieldRefValue(pod, from.fieldRef!.fieldPath, downward));
    else if (from?.resourceFieldRef) {
      const sel = from.resourceFieldRef;
      const target = sel.containerName ? findContainer(pod, sel.containerName) : container;
      if (!target) throw new ConfigError(`container ${sel.containerName} not found`);
      value = guard(() => resourceFieldValue({ resource: sel.resource, divisor: sel.divisor as string | number | undefined }, target, ctx.allocatable));
    } else if (from?.configMapKeyRef) {
      const { name = '', key, optional } = from.configMapKeyRef;
      const cm = await get.configMap(name);
      if (!cm) {
        if (optional) continue;
        throw new ConfigError(`configmap "${name}" not found`);
      }
      const v = cm.data?.[key];
      if (v === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
      }
      value = v;
    } else if (from?.secretKeyRef) {
      const { name = '', key, optional } = from.secretKeyRef;
      const s = await get.secret(name);
      if (!s) {
        if (optional) continue;
        throw new ConfigError(`secret "${name}" not found`);
      }
      const v = s.data?.[key];
      if (v === undefined) {
        if (optional) continue;
        throw new ConfigError(`couldn't find key ${key} in Secret ${ns}/${name}`);
      }
      value = decode(v);
    }
    vars.set(e.name, value);
  }

  const env: EnvVarOut[] = [...vars].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!vars.has(name)) env.push({ name, value });
  return invalidKeys.length ? { ok: true, env, invalidKeys } : { ok: true, env };
}

function guard(f: () => string): string {
  try {
    return f();
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function findContainer(pod: Pod, name: string): Container | undefined {
  const s = pod.spec;
  return [...(s.containers ?? []), ...(s.initContainers ?? [])].find((c) => c.name === name) as Container | undefined;
}
