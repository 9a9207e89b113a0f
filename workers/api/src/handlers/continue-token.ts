// Continue tokens: where the next page starts and the revision of the first page, base64-encoded.
import { badRequest } from '../../../kube/status';

export interface ContinuePos {
  rv: number;
  namespace: string;
  name: string;
}

export function encodeContinue(p: ContinuePos): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', rv: p.rv, ns: p.namespace, n: p.name }))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeContinue(token: string): ContinuePos {
  try {
    const json = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    const v = JSON.parse(json) as { v?: string; rv?: unknown; ns?: unknown; n?: unknown };
    if (v.v !== 'meta.k8s.io/v1' || typeof v.rv !== 'number' || typeof v.ns !== 'string' || typeof v.n !== 'string') throw new Error('bad');
    return { rv: v.rv, namespace: v.ns, name: v.n };
  } catch {
    throw badRequest('continue key is not valid: the continue token is malformed');
  }
}
