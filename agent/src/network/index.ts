export { cleanupNodeNetwork, DEFAULT_NETWORK, NodeNetwork, type NodeNetworkOptions, type NodeNetworkSettings } from './node-network';
export { ensurePodNetwork, gatewayOf, removePodNetwork, type PodNetworkSpec } from './pod-network';
export { desiredRoutes, routeCommands, syncRoutes, removeRoutes, ROUTE_PROTO } from './routes';
export { ensureLocalAddress, removeLocalAddress } from './local-address';
