// GET /events, filtered to our containers, as RuntimeEvents. The stream is JSON objects, one per line.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { RuntimeEvent } from '../types';

const WANTED = new Set<RuntimeEvent['type']>(['start', 'die', 'oom', 'destroy']);

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/** A raw event → RuntimeEvent, or null for events we do not report (exec_*, image, network, ...). */
export function toRuntimeEvent(raw: RawEvent): RuntimeEvent | null {
  if (raw.Type && raw.Type !== 'container') return null;
  const action = (raw.Action ?? raw.status ?? '') as RuntimeEvent['type'];
  if (!WANTED.has(action)) return null;
  const attrs = { ...(raw.Actor?.Attributes ?? {}) };
  const exit = attrs.exitCode ?? attrs.containerExitCode;
  // Attributes mix labels with name/image/exitCode; the label keys are ours (dotted), so keep everything.
  delete attrs.exitCode;
  delete attrs.containerExitCode;
  const time = raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000;
  return {
    type: action,
    containerId: raw.Actor?.ID ?? raw.id ?? '',
    labels: attrs,
    time,
    ...(action === 'die' && exit !== undefined ? { exitCode: Number(exit) } : {}),
  };
}

async function* lines(stream: Readable): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of stream) {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) yield p;
  }
  if (rest.trim()) yield rest;
}

export async function* streamEvents(
  docker: Docker,
  managedLabel: string,
  signal: AbortSignal,
  sinceSeconds?: number,
): AsyncGenerator<RuntimeEvent> {
  if (signal.aborted) return;
  const stream = (await docker.getEvents({
    filters: { type: ['container'], label: [`${managedLabel}=true`] },
    ...(sinceSeconds !== undefined ? { since: sinceSeconds } : {}),
    abortSignal: signal,
  } as object)) as unknown as Readable;
  const onAbort = () => stream.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const line of lines(stream)) {
      let raw: RawEvent;
      try {
        raw = JSON.parse(line) as RawEvent;
      } catch {
        continue;
      }
      const ev = toRuntimeEvent(raw);
      // The engine filters by label, but check again: a filter it ignores must not leak others' events.
      if (ev && ev.labels[managedLabel] === 'true') yield ev;
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}
