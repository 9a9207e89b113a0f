// Stand-in for the `ssh2` package in the agent's bundle. docker-modem loads ssh2 at start-up for
// `ssh://` Docker hosts, which the agent never uses (it speaks to a local unix socket), and ssh2 with
// its crypto costs ~14 MiB of resident memory on every host.
'use strict';
class Client {
  constructor() {
    throw new Error('kubeflare-agent: Docker over ssh:// is not supported; point the agent at a local socket (unix:///run/podman/podman.sock)');
  }
}
module.exports = { Client };
