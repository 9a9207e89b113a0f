// Fake addresses for simulated nodes and pods. Nothing ever connects to them: they only need to be
// well-formed and unique so that endpoints, services and the scheduler see plausible values.

/** InternalIP of node `index`: 10.240.x.y with y in 1..254 (room for 65,024 nodes). */
export function nodeIP(index: number): string {
  return `10.240.${Math.floor(index / 254) % 256}.${(index % 254) + 1}`;
}

/** A /24 pod range per node inside 10.64.0.0/11 (room for 8,192 nodes). */
export function podCIDR(index: number): string {
  return `10.${64 + (Math.floor(index / 256) % 32)}.${index % 256}.0/24`;
}

/** Hands out the 254 host addresses of a node's /24 pod range, reusing freed ones. */
export class PodIPPool {
  private readonly prefix: string;
  private readonly used = new Set<number>();
  private next = 1;

  constructor(cidr: string) {
    this.prefix = cidr.split('.').slice(0, 3).join('.');
  }

  /** Marks an address already in use (a pod that was running before the simulator restarted). */
  reserve(ip: string): void {
    if (!ip.startsWith(`${this.prefix}.`)) return;
    const host = Number(ip.slice(this.prefix.length + 1));
    if (host >= 1 && host <= 254) this.used.add(host);
  }

  /** The next free address, or undefined when all 254 are taken. */
  allocate(): string | undefined {
    for (let tried = 0; tried < 254; tried++) {
      const host = this.next;
      this.next = (this.next % 254) + 1;
      if (!this.used.has(host)) {
        this.used.add(host);
        return `${this.prefix}.${host}`;
      }
    }
    return undefined;
  }

  release(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.delete(Number(ip.slice(this.prefix.length + 1)));
  }
}
