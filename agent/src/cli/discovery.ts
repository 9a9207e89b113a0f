// Finding the cluster's CA without trusting the network (kubeadm's token discovery): read the public
// cluster-info ConfigMap anonymously, over unverified TLS, and accept its CA only if it carries a valid
// signature made with our bootstrap token. The token itself is not sent until the CA is verified.
import { parse as parseYaml } from 'yaml';
import { CliError } from './errors';
import { joinRequest } from './https';
import { CLUSTER_INFO, verifyDetached } from './jws';

export interface ClusterInfo {
  server?: string;
  caPem: string;
}

interface ConfigMapLike {
  data?: Record<string, string>;
}

/** Checks the token's signature over the kubeconfig and returns what it vouches for. */
export function verifiedClusterInfo(cm: ConfigMapLike, tokenId: string, tokenSecret: string): ClusterInfo {
  const kubeconfig = cm.data?.[CLUSTER_INFO.kubeconfigKey];
  if (!kubeconfig) throw new CliError('kube-public/cluster-info has no kubeconfig; pass --ca-file instead');
  const jws = cm.data?.[`${CLUSTER_INFO.signaturePrefix}${tokenId}`];
  if (!jws) throw new CliError(`kube-public/cluster-info has no signature for token id "${tokenId}": the token is unknown, or was created without publishing cluster-info; pass --ca-file instead`);
  if (!verifyDetached(kubeconfig, jws, tokenId, tokenSecret))
    throw new CliError(`the cluster-info signature for token id "${tokenId}" does not match: the token secret is wrong, or this server is not the cluster that issued it`);
  const doc = parseYaml(kubeconfig) as { clusters?: { cluster?: { server?: string; 'certificate-authority-data'?: string } }[] };
  const cluster = doc?.clusters?.[0]?.cluster;
  const caData = cluster?.['certificate-authority-data'];
  if (!caData) throw new CliError('the signed cluster-info has no certificate-authority-data; pass --ca-file instead');
  return { server: cluster?.server, caPem: Buffer.from(caData, 'base64').toString('utf8') };
}

export async function discoverClusterInfo(server: URL, tokenId: string, tokenSecret: string): Promise<ClusterInfo> {
  const url = new URL(`/api/v1/namespaces/${CLUSTER_INFO.namespace}/configmaps/${CLUSTER_INFO.name}`, server);
  const res = await joinRequest({ method: 'GET', url, insecure: true });
  if (res.status === 404) throw new CliError(`the server at ${server.origin} publishes no kube-public/cluster-info; pass --ca-file with the cluster's CA`);
  if (res.status !== 200) throw new CliError(`reading kube-public/cluster-info from ${server.origin} failed: HTTP ${res.status} ${res.json?.message ?? res.text.slice(0, 200)}`);
  return verifiedClusterInfo(res.json as ConfigMapLike, tokenId, tokenSecret);
}
