// An in-memory API server for kubelet unit tests: pods (list, watch by node, status merge patch, graceful
// and final delete with a uid precondition) and core/v1 events, served through ApiClient's fetch.
import { randomUUID } from 'node:crypto';
import { ApiClient } from '../../../../workers/kube/client';
import type { Pod } from '../types';

interface Watcher {
  node?: string;
  push(line: string): void;
  fail(): void;
}

export interface FakeEvent {
  metadata: { name: string; namespace: string };
  involvedObject: { name?: string; uid?: string; fieldPath?: string };
  reason: string;
  message: string;
  type: string;
  count: number;
  source: { component: string; host: string };
}

const json = (code: number, body: unknown) => new Response(JSON.stringify(body), { status: code, headers: { 'Content-Type': 'application/json' } });
const status = (code: number, reason: string, message: string) => json(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class FakeApi {
  readonly pods = new Map<string, Pod>();
  readonly events = new Map<string, FakeEvent>();
  /** Every request as "METHOD path", for assertions. */
  readonly requests: string[] = [];
  readonly deletes: { path: string; body: unknown }[] = [];
  /** Pods as they were when finally deleted (their last status). */
  readonly gone: Pod[] = [];
  /** While true every request fails like an unreachable server. */
  down = false;
  private rv = 1;
  private readonly watchers = new Set<Watcher>();
  /** Every change, so a watch from a revision replays what it missed. */
  private readonly history: { rv: number; node?: string; line: string }[] = [];

  readonly client = new ApiClient({ baseUrl: 'https://api.test', token: 't', userAgent: 'kubelet-test', fetch: (req) => this.handle(req) });

  createPod(pod: Omit<Pod, 'metadata'> & { metadata: Pod['metadata'] }): Pod {
    const p = structuredClone(pod) as Pod;
    p.metadata.namespace ??= 'default';
    p.metadata.uid ??= randomUUID();
    p.status ??= { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
    this.store(p, 'ADDED');
    return p;
  }

  /** Another writer changed the pod (spec, metadata or status): stored and sent to watchers. */
  updatePod(p: Pod): void {
    this.store(p, 'MODIFIED');
  }

  pod(name: string, ns = 'default'): Pod | undefined {
    return [...this.pods.values()].find((p) => p.metadata.name === name && p.metadata.namespace === ns);
  }

  /** A user's graceful delete: sets deletionTimestamp and the grace period. */
  deleteGracefully(name: string, graceSeconds?: number, ns = 'default'): void {
    const p = this.pod(name, ns);
    if (!p) throw new Error(`no pod ${name}`);
    p.metadata.deletionTimestamp = new Date().toISOString();
    p.metadata.deletionGracePeriodSeconds = graceSeconds ?? p.spec.terminationGracePeriodSeconds ?? 30;
    this.store(p, 'MODIFIED');
  }

  /** The object vanishes at once (force delete, or a node change). */
  removePod(name: string, ns = 'default'): void {
    const p = this.pod(name, ns);
    if (!p) return;
    this.pods.delete(p.metadata.uid!);
    this.notify(p, 'DELETED');
  }

  eventList(): FakeEvent[] {
    return [...this.events.values()];
  }

  /** "Reason: message" of every event about the pod, oldest first, repeats once. */
  eventsFor(podName: string): string[] {
    return this.eventList()
      .filter((e) => e.involvedObject.name === podName)
      .map((e) => `${e.reason}: ${e.message}`);
  }

  private store(p: Pod, type: 'ADDED' | 'MODIFIED'): void {
    p.metadata.resourceVersion = String(++this.rv);
    this.pods.set(p.metadata.uid!, p);
    this.notify(p, type);
  }

  /** Makes the server unreachable and breaks open watches (or brings it back). */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const w of [...this.watchers]) w.fail();
  }

  private notify(p: Pod, type: string): void {
    if (type === 'DELETED') p = { ...p, metadata: { ...p.metadata, resourceVersion: String(++this.rv) } };
    const line = `${JSON.stringify({ type, object: p })}\n`;
    this.history.push({ rv: this.rv, node: p.spec.nodeName, line });
    for (const w of this.watchers) if (!w.node || w.node === p.spec.nodeName) w.push(line);
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    if (this.down) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const body = req.body ? JSON.parse(await req.text()) : undefined;
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (url.pathname === '/api/v1/pods' && req.method === 'GET') return this.listOrWatch(url, req.signal);
    // /api/v1/namespaces/<ns>/<resource>/<name>[/<sub>]
    const [, , , ns, resource, name, sub] = parts;
    if (resource === 'events') return this.handleEvent(req.method, ns, name, body);
    if (resource !== 'pods' || !name) return status(404, 'NotFound', 'not served by the fake');
    const pod = this.pod(name, ns);
    if (!pod) return status(404, 'NotFound', `pods "${name}" not found`);
    if (req.method === 'GET') return json(200, pod);
    if (req.method === 'PATCH' && sub === 'status') {
      pod.status = mergePatch(pod.status, (body as { status?: unknown }).status) as Pod['status'];
      this.store(pod, 'MODIFIED');
      return json(200, pod);
    }
    if (req.method === 'DELETE') {
      this.deletes.push({ path: url.pathname, body });
      const opts = (body ?? {}) as { gracePeriodSeconds?: number; preconditions?: { uid?: string } };
      if (opts.preconditions?.uid && opts.preconditions.uid !== pod.metadata.uid) return status(409, 'Conflict', 'Precondition failed: UID in precondition does not match');
      if (opts.gracePeriodSeconds === 0) {
        this.gone.push(structuredClone(pod));
        this.pods.delete(pod.metadata.uid!);
        this.notify(pod, 'DELETED');
        return json(200, pod);
      }
      this.deleteGracefully(name, opts.gracePeriodSeconds, ns);
      return json(200, pod);
    }
    return status(405, 'MethodNotAllowed', req.method);
  }

  private handleEvent(method: string, ns: string, name: string | undefined, body: unknown): Response {
    if (method === 'POST') {
      const ev = body as FakeEvent;
      if (this.events.has(`${ns}/${ev.metadata.name}`)) return status(409, 'AlreadyExists', 'exists');
      this.events.set(`${ns}/${ev.metadata.name}`, ev);
      return json(201, ev);
    }
    const ev = this.events.get(`${ns}/${name}`);
    if (!ev) return status(404, 'NotFound', `events "${name}" not found`);
    if (method === 'PATCH') {
      Object.assign(ev, body);
      return json(200, ev);
    }
    return status(405, 'MethodNotAllowed', method);
  }

  private listOrWatch(url: URL, signal: AbortSignal): Response {
    const node = /^spec\.nodeName=(.*)$/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1];
    const mine = [...this.pods.values()].filter((p) => !node || p.spec.nodeName === node);
    if (url.searchParams.get('watch') !== 'true') return json(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv) }, items: mine });
    let watcher!: Watcher;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const enc = new TextEncoder();
        const from = Number(url.searchParams.get('resourceVersion') ?? '0');
        watcher = {
          node,
          push: (line) => controller.enqueue(enc.encode(line)),
          fail: () => {
            this.watchers.delete(watcher);
            controller.error(new TypeError('connection reset'));
          },
        };
        for (const h of this.history) if (h.rv > from && (!node || h.node === node)) watcher.push(h.line);
        this.watchers.add(watcher);
        signal.addEventListener('abort', () => {
          if (!this.watchers.delete(watcher)) return;
          controller.close();
        });
      },
      cancel: () => void this.watchers.delete(watcher),
    });
    return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
  }
}
