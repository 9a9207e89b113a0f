// A probe's port: a number, or the name of one of the container's ports (or a number written as a
// string), as upstream's extractPort.
import type { Container } from '../../../../workers/kube/resources/core/pod/container';

export function resolvePort(port: number | string, container?: Pick<Container, 'ports'>): number {
  let n: number;
  if (typeof port === 'number') n = port;
  else {
    const named = container?.ports?.find((p) => p.name === port);
    if (named) n = named.containerPort;
    else if (/^\d+$/.test(port)) n = Number(port);
    else throw new Error(`port ${port} not found`);
  }
  if (!(n > 0 && n < 65536)) throw new Error(`invalid port number: ${n}`);
  return n;
}
