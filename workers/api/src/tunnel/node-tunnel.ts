// NodeTunnel: one Durable Object per node (idFromName(nodeName)). The node's agent keeps one outbound
// WebSocket to it; the API worker hands it log, exec, attach and port-forward requests for pods on that
// node, and it multiplexes each as a stream over that socket (see frame.ts). A plain accepted
// WebSocket (not the hibernation API): the stream table lives in memory, and an open tunnel keeps the
// object resident, as a kubelet connection would.
import { DurableObject } from 'cloudflare:workers';
import { StatusError, badRequest } from '../../../kube/status';
import type { Env } from '../env';
import { type CloseInfo, FrameType, decodeFrame, encodeJsonFrame, jsonOf } from './frame';
import type { OpenRequest } from './protocol';
import { Relay } from './relay';

/** How long the agent has to accept a stream before the request fails. */
const ACCEPT_TIMEOUT_MS = 30_000;

/** How the client reaches the stream. `probe`: validate only (the agent starts nothing), then answer. */
export type StreamMode = 'http' | 'ws' | 'probe';

export const STREAM_HEADERS = { open: 'x-kubeflare-open', node: 'x-kubeflare-node', mode: 'x-kubeflare-mode', protocol: 'x-kubeflare-protocol' };

/** Upstream's wording when the apiserver cannot reach a kubelet. */
export function dialError(node: string): StatusError {
  return new StatusError(500, '', `error dialing backend: no tunnel connected for node "${node}" (is its agent running?)`);
}

export function statusResponse(err: StatusError, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(err.toStatus()), { status: err.code, headers: { 'Content-Type': 'application/json', ...extra } });
}

export class NodeTunnel extends DurableObject<Env> {
  private agent?: WebSocket;
  private nextId = 1;
  private readonly relays = new Map<number, Relay>();

  override async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/connect') return this.connectAgent(request);
    if (path === '/stream') return this.openStream(request);
    return statusResponse(new StatusError(404, 'NotFound', 'the server could not find the requested resource'));
  }

  /** For tests and operators. */
  async stats(): Promise<{ connected: boolean; streams: number }> {
    return { connected: this.agent !== undefined, streams: this.relays.size };
  }

  private connectAgent(request: Request): Response {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') return statusResponse(badRequest('the node tunnel is a WebSocket: send Upgrade: websocket'));
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    // Newer compatibility dates deliver binary messages as Blobs (async to read): ask for ArrayBuffers.
    server.binaryType = 'arraybuffer';
    // A reconnecting agent replaces its old socket; streams on the old one cannot continue.
    if (this.agent) this.dropAgent(this.agent, 'the node reconnected its tunnel');
    this.agent = server;
    server.addEventListener('message', (e) => {
      if (typeof e.data !== 'string') this.onAgentFrame(e.data as ArrayBuffer);
    });
    server.addEventListener('close', () => this.dropAgent(server, 'the node closed its tunnel'));
    server.addEventListener('error', () => this.dropAgent(server, 'the node tunnel failed'));
    return new Response(null, { status: 101, webSocket: client });
  }

  private dropAgent(ws: WebSocket, why: string) {
    if (this.agent !== ws) return;
    this.agent = undefined;
    try {
      ws.close(1001, why);
    } catch {
      // Already closed.
    }
    for (const r of [...this.relays.values()]) r.abort({ code: 500, message: `error dialing backend: ${why}` });
  }

  private onAgentFrame(data: ArrayBuffer) {
    const frame = decodeFrame(data);
    if (!frame) return;
    const relay = this.relays.get(frame.stream);
    if (!relay) return;
    // Client → agent bytes are not credit-controlled (a Workers WebSocket cannot be paused): see relay.ts.
    if (frame.type === FrameType.Credit) return;
    relay.onFrame(frame.type, frame.payload, frame.type === FrameType.Close ? jsonOf<CloseInfo>(frame) : undefined);
  }

  private async openStream(request: Request): Promise<Response> {
    const node = request.headers.get(STREAM_HEADERS.node) ?? '';
    const mode = (request.headers.get(STREAM_HEADERS.mode) ?? 'http') as StreamMode;
    const protocol = request.headers.get(STREAM_HEADERS.protocol) ?? undefined;
    const open = JSON.parse(decodeURIComponent(request.headers.get(STREAM_HEADERS.open) ?? '{}')) as OpenRequest & { probe?: boolean };
    const agent = this.agent;
    if (!agent) return statusResponse(dialError(node));
    const id = this.nextId++;
    const relay = new Relay(id, (f) => agent.send(f), (r) => this.relays.delete(r.id));
    this.relays.set(id, relay);
    try {
      agent.send(encodeJsonFrame(FrameType.Open, id, { ...open, protocol, probe: mode === 'probe' }));
    } catch {
      this.relays.delete(id);
      return statusResponse(dialError(node));
    }
    const timer = setTimeout(() => relay.abort({ code: 500, message: `error dialing backend: node "${node}" did not answer within ${ACCEPT_TIMEOUT_MS / 1000}s` }), ACCEPT_TIMEOUT_MS);
    const accepted = await relay.accepted;
    clearTimeout(timer);
    if (!accepted.ok) {
      const { code = 500, reason = '', message = 'stream failed' } = accepted.info;
      return statusResponse(new StatusError(code, reason || reasonOf(code), message));
    }
    if (mode === 'probe') {
      relay.abort();
      // Reached only by clients that did not upgrade to a WebSocket (SPDY): Workers cannot serve it.
      return statusResponse(badRequest('Upgrade request required: this server streams over WebSockets only (SPDY is not supported)'));
    }
    if (mode === 'http') {
      return new Response(relay.asBody(), {
        // identity: a compressing proxy would otherwise hold `logs -f` lines back (see the watch channel).
        headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'identity', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' },
      });
    }
    const [client, server] = Object.values(new WebSocketPair());
    relay.bindSocket(server);
    return new Response(null, { status: 101, webSocket: client, headers: protocol ? { 'Sec-WebSocket-Protocol': protocol } : {} });
  }
}

function reasonOf(code: number): string {
  switch (code) {
    case 400:
      return 'BadRequest';
    case 404:
      return 'NotFound';
    case 500:
      return 'InternalError';
    default:
      return '';
  }
}
