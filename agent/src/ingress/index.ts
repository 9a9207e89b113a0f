export { compileRoutes, type CompileInput } from './compile';
export { IngressProxy, type IngressProxyOptions } from './ingress-proxy';
export { matchRoute, pickCertificate } from './match';
export { IngressServer, type IngressServerOptions } from './server';
export type { Ingress, RouteTable, Target } from './types';
export { INGRESS_NODE_LABEL } from '../../../workers/kube/ingress/claim';
