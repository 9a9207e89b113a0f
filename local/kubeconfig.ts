import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export function writeKubeconfig(path: string, server: string, caPem: string, token: string, name = 'kubeflare'): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
