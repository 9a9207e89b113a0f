// Pod logs through the endpoint kubectl logs uses (pods/log), and the text kept on screen.
export interface LogOptions {
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
}

export function logPath(ns: string, pod: string, o: LogOptions): string {
  const q = new URLSearchParams();
  if (o.container) q.set('container', o.container);
  if (o.follow) q.set('follow', 'true');
  if (o.previous) q.set('previous', 'true');
  if (o.tailLines !== undefined) q.set('tailLines', String(o.tailLines));
  if (o.timestamps) q.set('timestamps', 'true');
  const s = q.toString();
  return `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/log${s ? `?${s}` : ''}`;
}

/** The pod's containers to choose from: regular ones first, then init and ephemeral ones. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function containerNames(pod: any): string[] {
  const s = pod?.spec ?? {};
  return [...(s.containers ?? []), ...(s.initContainers ?? []), ...(s.ephemeralContainers ?? [])].map((c: { name: string }) => c.name);
}

/** Appends a chunk and keeps at most `max` lines (the oldest go first), so a long follow stays light. */
export function appendCapped(text: string, chunk: string, max: number): string {
  const all = text + chunk;
  let cut = all.length;
  let lines = 0;
  // Count newlines from the end; keep the last `max` complete lines plus any partial tail.
  while (cut > 0) {
    const i = all.lastIndexOf('\n', cut - 1);
    if (i < 0) return all;
    if (++lines > max) return all.slice(i + 1);
    cut = i;
  }
  return all;
}

export function downloadName(pod: string, container: string | undefined, previous: boolean): string {
  return `${pod}${container ? `-${container}` : ''}${previous ? '-previous' : ''}.log`;
}
