// kubeadm's discovery signature: the cluster-info ConfigMap carries, per bootstrap token, a detached JWS
// (HS256, key = the whole token `<id>.<secret>`, kid = the token id) over its kubeconfig. A node that
// knows the token can check that whoever published the CA also knew the token, before trusting it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CLUSTER_INFO = { namespace: 'kube-public', name: 'cluster-info', kubeconfigKey: 'kubeconfig', signaturePrefix: 'jws-kubeconfig-' } as const;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** `header..signature` (the payload is left out: the reader has it). */
export function signDetached(content: string, tokenId: string, tokenSecret: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', kid: tokenId }));
  const signature = createHmac('sha256', `${tokenId}.${tokenSecret}`).update(`${header}.${b64url(content)}`).digest('base64url');
  return `${header}..${signature}`;
}

export function verifyDetached(content: string, jws: string, tokenId: string, tokenSecret: string): boolean {
  const want = Buffer.from(signDetached(content, tokenId, tokenSecret));
  const got = Buffer.from(jws);
  return want.length === got.length && timingSafeEqual(want, got);
}
