// Operation parameters, always inline on the operation: kubectl's fieldValidation probe reads
// `operation.parameters` of every PATCH for the object's kind and ignores path-level parameters.
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  description: string;
  required?: boolean;
  schema: { type: 'string' | 'integer' | 'boolean'; uniqueItems: true };
}

const q = (name: string, type: Parameter['schema']['type'], description: string): Parameter => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });
const p = (name: string, description: string): Parameter => ({ name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } });

export const PARAM = {
  name: (kind: string) => p('name', `name of the ${kind}`),
  namespace: p('namespace', 'object name and auth scope, such as for teams and projects'),
  pretty: q('pretty', 'string', "If 'true', then the output is pretty printed."),
  dryRun: q('dryRun', 'string', 'When present, indicates that modifications should not be persisted. Valid value: All.'),
  fieldManager: q('fieldManager', 'string', 'A name associated with the actor or entity that is making these changes.'),
  fieldValidation: q('fieldValidation', 'string', 'How the server treats unknown or duplicate fields in the request: Ignore, Warn or Strict.'),
  force: q('force', 'boolean', 'Force apply requests to take ownership of conflicting fields. Only for apply patch requests.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: please use propagationPolicy.'),
  propagationPolicy: q('propagationPolicy', 'string', 'Whether and how garbage collection will be performed: Orphan, Background or Foreground.'),
};

export const LIST_PARAMS: Parameter[] = [
  q('allowWatchBookmarks', 'boolean', 'Requests watch events with type BOOKMARK.'),
  q('continue', 'string', 'The continue token from a previous list call.'),
  q('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields.'),
  q('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels.'),
  q('limit', 'integer', 'The maximum number of responses to return for a list call.'),
  q('resourceVersion', 'string', 'A constraint on what resource versions a request may be served from.'),
  q('resourceVersionMatch', 'string', 'How resourceVersion is applied to list calls.'),
  q('sendInitialEvents', 'boolean', 'Start a watch with synthetic ADDED events for the current state.'),
  q('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  q('watch', 'boolean', 'Watch for changes to the described resources.'),
];

export const WRITE_PARAMS: Parameter[] = [PARAM.dryRun, PARAM.fieldManager, PARAM.fieldValidation];
export const DELETE_PARAMS: Parameter[] = [PARAM.dryRun, PARAM.gracePeriodSeconds, PARAM.orphanDependents, PARAM.propagationPolicy];

/** Query parameters of the streaming pod subresources. */
export const SUBRESOURCE_PARAMS: Record<string, Parameter[]> = {
  log: [
    q('container', 'string', 'The container for which to stream logs.'),
    q('follow', 'boolean', 'Follow the log stream of the pod.'),
    q('limitBytes', 'integer', 'The number of bytes to read from the server before terminating the log output.'),
    q('previous', 'boolean', 'Return previous terminated container logs.'),
    q('sinceSeconds', 'integer', 'A relative time in seconds before the current time from which to show logs.'),
    q('tailLines', 'integer', 'The number of lines from the end of the logs to show.'),
    q('timestamps', 'boolean', 'Add an RFC3339 timestamp at the beginning of every line of log output.'),
  ],
  exec: ['command', 'container'].map((n) => q(n, 'string', `The ${n} to run or attach to.`)).concat(['stderr', 'stdin', 'stdout', 'tty'].map((n) => q(n, 'boolean', `Whether to redirect ${n}.`))),
  attach: [q('container', 'string', 'The container in which to attach.')].concat(['stderr', 'stdin', 'stdout', 'tty'].map((n) => q(n, 'boolean', `Whether to redirect ${n}.`))),
  portforward: [q('ports', 'integer', 'List of ports to forward.')],
};
