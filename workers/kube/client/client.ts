// A small Kubernetes REST client over any fetch (a Worker service binding, or Node's https), used by
// the scheduler, the controllers and the agent: they act only through the API, like their upstream
// counterparts.
import type { KObject } from '../registry/types';
import { StatusError, type StatusDetails } from '../status';

export type Fetcher = (request: Request) => Promise<Response>;

export interface ClientOptions {
  fetch: Fetcher;
  /** e.g. "https://api.internal" for a service binding. */
  baseUrl: string;
  token: string;
  userAgent: string;
}

export interface ObjectList<T> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export type PatchType = 'application/merge-patch+json' | 'application/json-patch+json' | 'application/strategic-merge-patch+json' | 'application/apply-patch+yaml';

export class ApiClient {
  constructor(private readonly opts: ClientOptions) {}

  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.opts.token}`, Accept: 'application/json', 'User-Agent': this.opts.userAgent };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['Content-Type'] = contentType;
    }
    const res = await this.opts.fetch(new Request(new URL(path, this.opts.baseUrl), { method, headers, body: payload }));
    if (res.status >= 400) throw await statusErrorOf(res);
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.request(method, path, body, contentType);
    return (await res.json()) as T;
  }

  get<T = KObject>(path: string): Promise<T> {
    return this.json('GET', path);
  }

  /** Returns null for 404 instead of throwing. */
  async getOrNull<T = KObject>(path: string): Promise<T | null> {
    try {
      return await this.get<T>(path);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return null;
      throw e;
    }
  }

  list<T = KObject>(path: string, params: Record<string, string> = {}): Promise<ObjectList<T>> {
    const q = new URLSearchParams(params).toString();
    return this.json('GET', q ? `${path}?${q}` : path);
  }

  create<T = KObject>(path: string, obj: unknown, params: Record<string, string> = {}): Promise<T> {
    const q = new URLSearchParams(params).toString();
    return this.json('POST', q ? `${path}?${q}` : path, obj);
  }

  update<T = KObject>(path: string, obj: unknown): Promise<T> {
    return this.json('PUT', path, obj);
  }

  patch<T = KObject>(path: string, patch: unknown, type: PatchType = 'application/merge-patch+json', params: Record<string, string> = {}): Promise<T> {
    const q = new URLSearchParams(params).toString();
    return this.json('PATCH', q ? `${path}?${q}` : path, patch, type);
  }

  delete<T = KObject>(path: string, options?: { propagationPolicy?: string; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } }): Promise<T> {
    return this.json('DELETE', path, options ? { apiVersion: 'v1', kind: 'DeleteOptions', ...options } : undefined);
  }
}

/** Rebuilds the server's Status as a StatusError (or a generic one when the body is not a Status). */
export async function statusErrorOf(res: Response): Promise<StatusError> {
  const text = await res.text();
  try {
    const s = JSON.parse(text) as { kind?: string; code?: number; reason?: string; message?: string; details?: StatusDetails };
    if (s.kind === 'Status') return new StatusError(s.code ?? res.status, s.reason ?? 'Unknown', s.message ?? text, s.details);
  } catch {
    // not JSON
  }
  return new StatusError(res.status, 'Unknown', text.slice(0, 500) || `HTTP ${res.status}`);
}
