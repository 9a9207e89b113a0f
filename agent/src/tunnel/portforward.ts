// Serves pods/portforward: kubectl's SPDY/3.1 port-forward protocol tunnelled in the WebSocket, spoken
// here on the node (Node has zlib with dictionaries; the Worker only relays bytes).
import net from 'node:net';
import { PortForwardSession } from './portforward/server';
import type { ServeContext } from './serve-context';

export function servePortForward({ open, stream, locator, log }: ServeContext): void {
  const address = locator.podAddress(open.namespace, open.pod);
  if (!address.ok) return stream.fail({ code: address.code, message: address.message });
  if (open.probe) return stream.accept();
  if (open.protocol !== 'SPDY/3.1+portforward.k8s.io') return stream.fail({ code: 400, message: `unsupported port-forward protocol ${JSON.stringify(open.protocol ?? '')}` });
  const session = new PortForwardSession({
    send: (bytes) => stream.write(bytes),
    connect: (port) => net.connect({ host: address.value, port }),
    podName: `${open.namespace}/${open.pod}`,
    log,
  });
  stream.onData = (bytes) => session.receive(bytes);
  stream.onClose = () => session.close();
  stream.accept();
}
