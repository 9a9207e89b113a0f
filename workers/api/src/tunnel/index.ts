// The node tunnel: framing shared with the agent, the NodeTunnel Durable Object and the agent's route.
export * from './frame';
export * from './protocol';
export { NodeTunnel, STREAM_HEADERS, dialError, type StreamMode } from './node-tunnel';
export { tunnelRoutes } from './route';
