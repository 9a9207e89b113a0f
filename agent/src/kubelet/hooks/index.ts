// Lifecycle hooks (postStart, preStop): exec, httpGet and sleep as the kubelet runs them, plus
// tcpSocket, which the API still accepts (deprecated) and which here simply has to connect.
// httpGet hooks fail only when the request fails: the status code is not checked, as upstream.
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { execInContainer } from '../probes/exec';
import { httpGet } from '../probes/http';
import { resolvePort } from '../probes/port';
import { tcpProbe } from '../probes/tcp';
import type { HandlerTarget } from '../probes/types';

export type LifecycleHandler = NonNullable<NonNullable<Container['lifecycle']>['postStart']>;
export type HookResult = { ok: true } | { ok: false; message: string };

/**
 * Runs the handler for at most `timeoutSeconds` (the pod's grace period for preStop). `signal` ends
 * a sleep early, e.g. when the container died; the hook then fails as upstream's does.
 */
export async function runHook(handler: LifecycleHandler, target: HandlerTarget, timeoutSeconds: number, signal?: AbortSignal): Promise<HookResult> {
  const timeoutMs = Math.max(0, timeoutSeconds) * 1000;
  try {
    if (handler.exec) {
      const cmd = handler.exec.command ?? [];
      const r = await execInContainer(target.runtime, target.containerId, cmd, timeoutMs);
      if ('timedOut' in r) return { ok: false, message: `command '${cmd.join(' ')}' timed out after ${timeoutSeconds}s` };
      return r.exitCode === 0 ? { ok: true } : { ok: false, message: `command '${cmd.join(' ')}' exited with ${r.exitCode}: ${r.output}` };
    }
    if (handler.httpGet) {
      const h = handler.httpGet;
      const scheme = (h.scheme ?? 'HTTP').toLowerCase() === 'https' ? 'https' : 'http';
      const port = resolvePort(h.port as number | string, target.container);
      await httpGet({ scheme, host: h.host || target.podIP, port, path: h.path, headers: h.httpHeaders }, timeoutMs);
      return { ok: true };
    }
    if (handler.sleep) return await sleep(Number(handler.sleep.seconds) * 1000, timeoutMs, signal);
    if (handler.tcpSocket) {
      const t = handler.tcpSocket;
      const r = await tcpProbe(t.host || target.podIP, resolvePort(t.port as number | string, target.container), timeoutMs);
      return r.result === 'success' ? { ok: true } : { ok: false, message: r.message ?? 'tcpSocket hook failed' };
    }
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  return { ok: false, message: 'invalid handler: no action set' };
}

/** Sleeps `ms`; cut short by the hook timeout or the signal, which fails the hook. */
function sleep(ms: number, timeoutMs: number, signal?: AbortSignal): Promise<HookResult> {
  const early: HookResult = { ok: false, message: 'container terminated before sleep hook finished' };
  if (signal?.aborted) return Promise.resolve(early);
  return new Promise((resolve) => {
    const finish = (r: HookResult) => {
      clearTimeout(done);
      clearTimeout(cut);
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => finish(early);
    const done = setTimeout(() => finish({ ok: true }), ms);
    const cut = ms > timeoutMs ? setTimeout(() => finish(early), timeoutMs) : undefined;
    signal?.addEventListener('abort', onAbort);
  });
}
