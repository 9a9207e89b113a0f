// Container probes: one attempt of any handler (runProbe) and the periodic worker (ProbeWorker).
import { execProbe } from './exec';
import { grpcProbe } from './grpc';
import { httpProbe } from './http';
import { resolvePort } from './port';
import { tcpProbe } from './tcp';
import type { HandlerTarget, Probe, ProbeResult } from './types';

export { ProbeWorker, type ProbeKind, type ProbeWorkerOptions } from './worker';
export { execInContainer, type ExecOutcome } from './exec';
export { httpGet, httpProbe, type HttpGetSpec } from './http';
export { tcpProbe } from './tcp';
export { grpcProbe, encodeHealthRequest, decodeHealthResponse } from './grpc';
export { resolvePort } from './port';
export { PROBE_USER_AGENT, type HandlerTarget, type Probe, type ProbeResult } from './types';

/** One attempt of the probe's handler, bounded by timeoutSeconds (default 1). */
export async function runProbe(probe: Probe, target: HandlerTarget): Promise<ProbeResult> {
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  try {
    if (probe.exec) return await execProbe(target.runtime, target.containerId, probe.exec.command ?? [], timeoutMs);
    if (probe.httpGet) {
      const h = probe.httpGet;
      const scheme = (h.scheme ?? 'HTTP').toLowerCase() === 'https' ? 'https' : 'http';
      const port = resolvePort(h.port as number | string, target.container);
      return await httpProbe({ scheme, host: h.host || target.podIP, port, path: h.path, headers: h.httpHeaders }, timeoutMs);
    }
    if (probe.tcpSocket) {
      const t = probe.tcpSocket;
      return await tcpProbe(t.host || target.podIP, resolvePort(t.port as number | string, target.container), timeoutMs);
    }
    if (probe.grpc) return await grpcProbe(target.podIP, probe.grpc.port, probe.grpc.service ?? '', timeoutMs);
  } catch (e) {
    // A probe that cannot even be attempted (a port name that does not exist): upstream's Unknown.
    return { result: 'unknown', message: (e as Error).message };
  }
  return { result: 'unknown', message: 'missing probe handler' };
}
