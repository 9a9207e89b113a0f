// The agent's DNS role: keep the zone current from the API and serve it. A burst of watch events
// rebuilds the zone once (on the next turn of the event loop), not once per event.
import type { ApiClient } from '../../../workers/kube/client';
import { ServiceWatch } from '../proxy/service-watch';
import { DnsServer, type DnsServerOptions } from './server';

export interface ClusterDnsOptions extends DnsServerOptions {
  api: ApiClient;
}

export class ClusterDns {
  readonly server: DnsServer;
  private readonly watch: ServiceWatch;
  private pending: NodeJS.Immediate | null = null;

  constructor(opts: ClusterDnsOptions) {
    this.server = new DnsServer(opts);
    this.watch = new ServiceWatch(opts.api, () => this.changed(), opts.onError);
  }

  /** Serves at once (names in the zone are NXDOMAIN until the first lists arrive; others forward). */
  async start(): Promise<void> {
    await this.server.start();
    this.watch.start();
  }

  async stop(): Promise<void> {
    if (this.pending) clearImmediate(this.pending);
    await this.watch.stop();
    await this.server.stop();
  }

  private changed(): void {
    this.pending ??= setImmediate(() => {
      this.pending = null;
      const { services, endpointSlices } = this.watch.snapshot();
      this.server.update(services, endpointSlices);
    });
  }
}
