// Stand-in for @grpc/grpc-js and @grpc/proto-loader in the agent's bundle. dockerode loads them at
// start-up for BuildKit sessions (image builds), which the agent never runs; they cost megabytes of
// resident memory on every host. (The agent's gRPC health probe speaks HTTP/2 itself.)
'use strict';
module.exports = new Proxy({}, {
  get(_target, key) {
    if (key === '__esModule' || typeof key === 'symbol') return undefined;
    throw new Error(`kubeflare-agent: ${String(key)} from a gRPC library is not bundled (image builds through BuildKit are not supported)`);
  },
});
