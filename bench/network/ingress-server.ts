// The ingress proxy alone, for bench:network's throughput phase (run inside the benchmark's namespace
// with `node --import tsx`): one Ingress, host bench.example → Service web → the given endpoint.
import { compileRoutes } from '../../agent/src/ingress/compile';
import { ingress, service } from '../../agent/src/ingress/fixtures.testing';
import { IngressServer } from '../../agent/src/ingress/server';

const [port, endpointIP, endpointPort] = process.argv.slice(2);
const web = service('web', [{ ip: endpointIP }]);
web.slice.ports = [{ name: 'http', port: Number(endpointPort), protocol: 'TCP' }];
const server = new IngressServer({ address: '127.0.0.1', httpPort: Number(port), httpsPort: null });
server.setTable(compileRoutes({ ingresses: [ingress('bench', [{ host: 'bench.example', paths: [{ service: 'web' }] }])], services: [web.service], endpointSlices: [web.slice], secrets: new Map() }));
await server.start();
console.log('ready');
