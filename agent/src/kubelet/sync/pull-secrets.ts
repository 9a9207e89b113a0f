// Registry credentials from a pod's imagePullSecrets (kubernetes.io/dockerconfigjson or the older
// kubernetes.io/dockercfg), matched to the image's registry as the kubelet's credential keyring does.
import type { RegistryAuth } from '../../runtime/types';
import type { ObjectSource } from '../objects';
import type { Pod } from '../types';

interface DockerEntry {
  username?: string;
  password?: string;
  auth?: string;
  identitytoken?: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The registry host of an image reference; "docker.io" when none is named. */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) return first;
  return 'docker.io';
}

/** "https://index.docker.io/v1/" → "index.docker.io"; "reg:5000/path" → "reg:5000". */
function hostOfKey(key: string): string {
  return key.replace(/^https?:\/\//, '').split('/')[0];
}

function sameRegistry(a: string, b: string): boolean {
  return a === b || (DOCKER_HUB.has(a) && DOCKER_HUB.has(b));
}

function entriesOf(type: string | undefined, data: Record<string, string> | undefined): Record<string, DockerEntry> {
  const decode = (k: string) => (data?.[k] ? JSON.parse(Buffer.from(data[k], 'base64').toString('utf8')) : undefined);
  if (type === 'kubernetes.io/dockerconfigjson') return (decode('.dockerconfigjson') as { auths?: Record<string, DockerEntry> } | undefined)?.auths ?? {};
  if (type === 'kubernetes.io/dockercfg') return (decode('.dockercfg') as Record<string, DockerEntry> | undefined) ?? {};
  return {};
}

/** The first matching credential of the pod's pull secrets, or undefined (anonymous pull). Missing or bad secrets are skipped, as upstream. */
export async function registryAuthFor(pod: Pod, image: string, objects: ObjectSource): Promise<RegistryAuth | undefined> {
  const registry = registryOf(image);
  for (const ref of pod.spec.imagePullSecrets ?? []) {
    if (!ref.name) continue;
    const secret = await objects.getSecret(pod.metadata.namespace ?? 'default', ref.name).catch(() => null);
    if (!secret) continue;
    let entries: Record<string, DockerEntry>;
    try {
      entries = entriesOf(secret.type as string | undefined, secret.data as Record<string, string> | undefined);
    } catch {
      continue;
    }
    for (const [key, e] of Object.entries(entries)) {
      if (!sameRegistry(hostOfKey(key), registry)) continue;
      let { username, password } = e;
      if (e.auth && !username) [username, password] = Buffer.from(e.auth, 'base64').toString('utf8').split(/:(.*)/s);
      return { username, password, serveraddress: key, ...(e.identitytoken ? { identitytoken: e.identitytoken } : {}) };
    }
  }
  return undefined;
}
