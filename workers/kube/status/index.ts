// Kubernetes `Status` errors: every failure the API returns is one of these (DESIGN.md invariant 5).

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** `deployments.apps` style name used in upstream messages. */
export interface Qualified {
  resource: string;
  group: string;
}
const qualified = (r: Qualified) => (r.group ? `${r.resource}.${r.group}` : r.resource);

export const badRequest = (message: string, causes?: StatusCause[]) =>
  new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined);

export const unauthorized = (message = 'Unauthorized') => new StatusError(401, 'Unauthorized', message);

export const forbidden = (message: string, details?: StatusDetails) => new StatusError(403, 'Forbidden', message, details);

export const notFound = (r: Qualified, name: string) =>
  new StatusError(404, 'NotFound', `${qualified(r)} "${name}" not found`, { name, group: r.group || undefined, kind: r.resource });

export const pathNotFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

export const methodNotAllowed = (message = 'the server does not allow this method on the requested resource') =>
  new StatusError(405, 'MethodNotAllowed', message);

export const alreadyExists = (r: Qualified, name: string) =>
  new StatusError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, { name, group: r.group || undefined, kind: r.resource });

export const conflict = (r: Qualified, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
  new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, {
    name,
    group: r.group || undefined,
    kind: r.resource,
  });

export const expired = (message: string) => new StatusError(410, 'Expired', message);

export const tooLarge = (message = 'Request entity too large: limit is 3145728') => new StatusError(413, 'RequestEntityTooLarge', message);

export const unsupportedMediaType = (contentType: string) =>
  new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json; got ${contentType || 'none'}`);

export const notAcceptable = (message: string) => new StatusError(406, 'NotAcceptable', message);

/** 422 with causes, worded like upstream: `Deployment.apps "web" is invalid: spec.selector: Required value`. */
export const invalid = (kind: string, group: string, name: string, causes: StatusCause[]) => {
  const title = group ? `${kind}.${group}` : kind;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : `${c.message}`));
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${title} "${name}" is invalid: ${summary}`, {
    name,
    group: group || undefined,
    kind,
    causes,
  });
};

export const tooManyRequests = (message: string, retryAfterSeconds = 1) =>
  new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds });

export const internalError = (message: string) => new StatusError(500, 'InternalError', `Internal error occurred: ${message}`);

export const timeout = (message: string) => new StatusError(504, 'Timeout', message);
