// Query parameters of pods/log (PodLogOptions) and pods/exec|attach (PodExecOptions / PodAttachOptions),
// parsed and validated with upstream's messages before anything reaches a node.
import { badRequest, invalid, type StatusCause } from '../../../../kube/status';
import type { ExecRequest, LogRequest } from '../../tunnel/protocol';

/** Go's strconv.ParseBool, which the apiserver's query conversion uses. */
export function parseBool(q: URLSearchParams, key: string, fallback = false): boolean {
  const v = q.get(key);
  if (v === null || v === '') return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function parseInt64(q: URLSearchParams, key: string): number | undefined {
  const v = q.get(key);
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d{1,18}$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function parseLogOptions(q: URLSearchParams, name: string, now = Date.now()): LogRequest {
  const tailLines = parseInt64(q, 'tailLines');
  const sinceSeconds = parseInt64(q, 'sinceSeconds');
  const limitBytes = parseInt64(q, 'limitBytes');
  const sinceTimeText = q.get('sinceTime');
  let sinceTime: number | undefined;
  if (sinceTimeText) {
    const ms = Date.parse(sinceTimeText);
    if (!/^\d{4}-\d\d-\d\dT/.test(sinceTimeText) || Number.isNaN(ms)) {
      throw badRequest(`parsing time ${JSON.stringify(sinceTimeText)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTimeText)} as RFC 3339`);
    }
    sinceTime = ms;
  }
  const causes: StatusCause[] = [];
  if (tailLines !== undefined && tailLines < 0) causes.push({ reason: 'FieldValueInvalid', field: 'tailLines', message: `Invalid value: ${tailLines}: must be greater than or equal to 0` });
  if (limitBytes !== undefined && limitBytes < 1) causes.push({ reason: 'FieldValueInvalid', field: 'limitBytes', message: `Invalid value: ${limitBytes}: must be greater than 0` });
  if (sinceSeconds !== undefined && sinceTime !== undefined) causes.push({ reason: 'FieldValueForbidden', field: '', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' });
  else if (sinceSeconds !== undefined && sinceSeconds < 1) causes.push({ reason: 'FieldValueInvalid', field: 'sinceSeconds', message: `Invalid value: ${sinceSeconds}: must be greater than 0` });
  if (causes.length) throw invalid('PodLogOptions', '', name, causes);
  const sinceUnix = sinceSeconds !== undefined ? Math.floor(now / 1000) - sinceSeconds : sinceTime !== undefined ? Math.floor(sinceTime / 1000) : undefined;
  return {
    follow: parseBool(q, 'follow'),
    timestamps: parseBool(q, 'timestamps'),
    previous: parseBool(q, 'previous'),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceUnix !== undefined ? { sinceUnix } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}

/** Exec requires a command; attach has none. At least one stream must be asked for. */
export function parseExecOptions(q: URLSearchParams, kind: 'exec' | 'attach'): ExecRequest {
  const command = q.getAll('command');
  const opts: ExecRequest = {
    command: kind === 'exec' ? command : [],
    stdin: parseBool(q, 'stdin'),
    stdout: parseBool(q, 'stdout'),
    stderr: parseBool(q, 'stderr'),
    tty: parseBool(q, 'tty'),
  };
  if (kind === 'exec' && command.length === 0) throw badRequest('you must specify at least 1 command');
  if (!opts.stdin && !opts.stdout && !opts.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  return opts;
}
