// Probes and lifecycle hooks: the handlers the kubelet runs against a container.
import { z } from 'zod';
import { int32, int64, intOrString, atomicList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';

export const execAction = z
  .strictObject({ command: opt(atomicList(z.string()), 'Command line to run inside the container; not run in a shell.') })
  .meta({ id: coreId('ExecAction'), description: 'Runs a command inside the container.' });

export const httpHeader = z
  .strictObject({ name: z.string().meta({ description: 'Header name.' }), value: z.string().meta({ description: 'Header value.' }) })
  .meta({ id: coreId('HTTPHeader'), description: 'A custom HTTP header.' });

export const httpGetAction = z
  .strictObject({
    path: opt(z.string(), 'Path to request.'),
    port: intOrString().meta({ description: 'Port number or name to connect to.' }),
    host: opt(z.string(), 'Host to connect to; defaults to the pod IP.'),
    scheme: opt(z.string(), 'HTTP or HTTPS; defaults to HTTP.'),
    httpHeaders: opt(atomicList(httpHeader), 'Extra request headers.'),
  })
  .meta({ id: coreId('HTTPGetAction'), description: 'Performs an HTTP GET; 2xx and 3xx count as success.' });

export const tcpSocketAction = z
  .strictObject({
    port: intOrString().meta({ description: 'Port number or name to connect to.' }),
    host: opt(z.string(), 'Host to connect to; defaults to the pod IP.'),
  })
  .meta({ id: coreId('TCPSocketAction'), description: 'Opens a TCP connection; success when it connects.' });

export const grpcAction = z
  .strictObject({
    port: int32().meta({ description: 'Port of the gRPC health service.' }),
    service: opt(z.string(), 'Service name sent in the health check request.'),
  })
  .meta({ id: coreId('GRPCAction'), description: 'Calls the standard gRPC health checking service.' });

export const sleepAction = z
  .strictObject({ seconds: int64().meta({ description: 'Seconds to sleep.' }) })
  .meta({ id: coreId('SleepAction'), description: 'Sleeps for a number of seconds.' });

export const probe = z
  .strictObject({
    exec: opt(execAction),
    httpGet: opt(httpGetAction),
    tcpSocket: opt(tcpSocketAction),
    grpc: opt(grpcAction),
    initialDelaySeconds: opt(int32(), 'Seconds after start before the first probe.'),
    timeoutSeconds: opt(int32(), 'Seconds before a probe attempt times out; defaults to 1.'),
    periodSeconds: opt(int32(), 'Seconds between probes; defaults to 10.'),
    successThreshold: opt(int32(), 'Consecutive successes needed after a failure; defaults to 1.'),
    failureThreshold: opt(int32(), 'Consecutive failures before giving up; defaults to 3.'),
    terminationGracePeriodSeconds: opt(int64(), 'Grace period used when this probe fails and the container is killed.'),
  })
  .meta({ id: coreId('Probe'), description: 'A periodic health check of a container.' });

export const lifecycleHandler = z
  .strictObject({ exec: opt(execAction), httpGet: opt(httpGetAction), tcpSocket: opt(tcpSocketAction), sleep: opt(sleepAction) })
  .meta({ id: coreId('LifecycleHandler'), description: 'An action run at a container lifecycle event; exactly one handler is set.' });

export const lifecycle = z
  .strictObject({
    postStart: opt(lifecycleHandler, 'Runs right after the container is created.'),
    preStop: opt(lifecycleHandler, 'Runs before the container is terminated.'),
    stopSignal: opt(z.string(), 'Signal sent to stop the container.'),
  })
  .meta({ id: coreId('Lifecycle'), description: 'Actions the kubelet runs on container lifecycle events.' });

/** The handler kinds set on a probe or hook, for the "exactly one" check. */
export function handlerKinds(h: Record<string, unknown>): string[] {
  return ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'].filter((k) => h[k] !== undefined);
}
