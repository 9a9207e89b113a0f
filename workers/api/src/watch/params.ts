// Watch parameters, parsed once in the API worker (so bad input fails with 400 before any stream
// opens) and handed to the channel in the internal request URL.
import { type FieldSelector, parseFieldSelector } from '../../../kube/selectors/fields';
import { type LabelSelector, parseLabelSelector } from '../../../kube/selectors/labels';
import { badRequest } from '../../../kube/status';
import { listOptionsInvalid } from '../request/options';

export interface WatchParams {
  resource: string;
  kind: string;
  apiVersion: string;
  namespace?: string;
  labelSelector: string;
  fieldSelector: string;
  /** Revision to start after; undefined = "now" (or the initial state when `initial`). */
  resourceVersion?: number;
  /** Send the current state as ADDED events first. */
  initial: boolean;
  /** End the initial events with a BOOKMARK annotated k8s.io/initial-events-end (sendInitialEvents=true). */
  initialEndBookmark: boolean;
  bookmarks: boolean;
  /** Seconds; the stream ends after this. */
  timeoutSeconds: number;
  /** Events as one-row Tables (kubectl get -w). */
  table?: { includeObject: 'None' | 'Metadata' | 'Object' };
}

/** Upstream closes watches after a randomized 30-60 minutes when the client gives no timeout. */
const DEFAULT_TIMEOUT_S = () => 1800 + Math.floor(Math.random() * 1800);

export function watchParamsFromQuery(q: URLSearchParams, base: Pick<WatchParams, 'resource' | 'kind' | 'apiVersion' | 'namespace'>): WatchParams {
  const rvText = q.get('resourceVersion') ?? '';
  if (rvText !== '' && !/^\d{1,15}$/.test(rvText)) throw badRequest(`resourceVersion: Invalid value: ${JSON.stringify(rvText)}: must be a non-negative integer`);
  const rv = rvText === '' ? undefined : Number(rvText);
  const sie = q.get('sendInitialEvents');
  if (sie !== null && sie !== 'true' && sie !== 'false') throw badRequest(`sendInitialEvents: Invalid value: ${JSON.stringify(sie)}`);
  const bookmarks = q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1';
  if (sie === 'true') {
    if (q.get('resourceVersionMatch') !== 'NotOlderThan') listOptionsInvalid('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
    if (!bookmarks) listOptionsInvalid('allowWatchBookmarks', 'sendInitialEvents requires allowWatchBookmarks=true');
  } else if (q.get('resourceVersionMatch')) {
    listOptionsInvalid('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
  }
  const initial = sie === 'true' || (sie === null && (rv === undefined || rv === 0));
  const t = q.get('timeoutSeconds');
  let timeoutSeconds = DEFAULT_TIMEOUT_S();
  if (t !== null && t !== '') {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`timeoutSeconds: Invalid value: ${JSON.stringify(t)}: must be a non-negative integer`);
    if (n > 0) timeoutSeconds = n;
  }
  return {
    ...base,
    labelSelector: q.get('labelSelector') ?? '',
    fieldSelector: q.get('fieldSelector') ?? '',
    resourceVersion: rv === 0 ? undefined : rv,
    initial,
    initialEndBookmark: sie === 'true',
    bookmarks,
    timeoutSeconds,
  };
}

export function encodeWatchParams(p: WatchParams): string {
  return `https://watch.internal/?p=${encodeURIComponent(JSON.stringify(p))}`;
}

export function decodeWatchParams(url: string): WatchParams {
  return JSON.parse(new URL(url).searchParams.get('p') ?? '{}') as WatchParams;
}

export interface CompiledSelectors {
  labels: LabelSelector;
  fields: FieldSelector;
}

export function compileSelectors(p: WatchParams): CompiledSelectors {
  return { labels: parseLabelSelector(p.labelSelector), fields: parseFieldSelector(p.fieldSelector) };
}
