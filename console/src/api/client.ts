// The console's REST client: same-origin fetch with the bearer token in a header (never in a URL), and
// errors carrying the API's Status message.
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
    /** The whole Status body, when the server sent one (its details.causes name the fields). */
    readonly status?: { message?: string; reason?: string; details?: { causes?: { field?: string; message?: string; reason?: string }[] } },
  ) {
    super(message);
  }
}

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';

/** The message to show for a failed response: the Status message when the body is one. */
export function statusMessage(code: number, statusText: string, body: string): { message: string; reason?: string } {
  try {
    const s = JSON.parse(body);
    if (s && s.kind === 'Status' && typeof s.message === 'string' && s.message) return { message: s.message, reason: s.reason };
  } catch {
    // not JSON: fall through
  }
  const text = body.trim();
  if (text && text.length < 300 && !text.startsWith('<')) return { message: text };
  return { message: `${code} ${statusText || 'error'}`.trim() };
}

export async function errorOf(res: Response): Promise<ApiError> {
  const body = await res.text().catch(() => '');
  const { message, reason } = statusMessage(res.status, res.statusText, body);
  let status: ApiError['status'];
  try {
    const s = JSON.parse(body);
    if (s?.kind === 'Status') status = s;
  } catch {
    // not a Status
  }
  return new ApiError(res.status, message, reason, status);
}

export class Api {
  constructor(
    readonly token: string,
    /** Called when the server rejects the token (401): the session ends. */
    private readonly onUnauthorized: (message: string) => void = () => undefined,
  ) {}

  async fetch(path: string, init: RequestInit & { accept?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    headers.set('Accept', init.accept ?? 'application/json');
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, `cannot reach the API server: ${(err as Error).message}`);
    }
    if (!res.ok) {
      const err = await errorOf(res);
      if (res.status === 401) this.onUnauthorized(err.message);
      throw err;
    }
    return res;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async json<T = any>(path: string, init: RequestInit & { accept?: string } = {}): Promise<T> {
    return (await this.fetch(path, init)).json() as Promise<T>;
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  }
}

/** Who the token belongs to (kubectl auth whoami); throws the API's error for a bad token. */
export async function whoAmI(token: string): Promise<string> {
  const review = await new Api(token).post<{ status?: { userInfo?: { username?: string } } }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
  });
  return review.status?.userInfo?.username ?? 'unknown';
}
