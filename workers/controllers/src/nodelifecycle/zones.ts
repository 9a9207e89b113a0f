// Zone-aware eviction limits: each zone has a token bucket that meters new NoExecute taints, its
// rate following the zone's health, so that a partition or a control-plane hiccup that silences many
// nodes at once does not evict their pods all at once (or at all, when every zone went quiet).
import type { NodeLifecycleConfig } from './config';
import type { Node } from './types';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

const REGION = ['topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/region'];
const ZONE = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];

/** The zone a node counts in: region and zone labels together ("" for unlabeled nodes). */
export function zoneOf(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const pick = (keys: string[]) => keys.map((k) => labels[k]).find((v) => v) ?? '';
  const region = pick(REGION);
  const zone = pick(ZONE);
  return region || zone ? `${region}:${zone}` : '';
}

export function zoneState(ready: number, notReady: number, threshold: number): ZoneState {
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  // A couple of failures never make a zone unhealthy, however small it is.
  if (notReady > 2 && notReady / (ready + notReady) >= threshold) return 'PartialDisruption';
  return 'Normal';
}

export interface ZoneView {
  states: Map<string, ZoneState>;
  sizes: Map<string, number>;
  /** Every zone lost all its nodes: evicting would only make things worse. */
  allFullyDisrupted: boolean;
}

export function zoneView(nodes: readonly { zone: string; ready: boolean }[], threshold: number): ZoneView {
  const counts = new Map<string, { ready: number; notReady: number }>();
  for (const n of nodes) {
    const c = counts.get(n.zone) ?? { ready: 0, notReady: 0 };
    if (n.ready) c.ready++;
    else c.notReady++;
    counts.set(n.zone, c);
  }
  const states = new Map<string, ZoneState>();
  const sizes = new Map<string, number>();
  for (const [zone, c] of counts) {
    states.set(zone, zoneState(c.ready, c.notReady, threshold));
    sizes.set(zone, c.ready + c.notReady);
  }
  const allFullyDisrupted = states.size > 0 && [...states.values()].every((s) => s === 'FullDisruption');
  return { states, sizes, allFullyDisrupted };
}

/** New NoExecute taints per second allowed in a zone. */
export function zoneRate(state: ZoneState | undefined, size: number, cfg: NodeLifecycleConfig): number {
  switch (state) {
    case 'PartialDisruption':
      // Small clusters stop outright: a few nodes going is more likely a network problem than theirs.
      return size > cfg.largeClusterThreshold ? cfg.secondaryEvictionRate : 0;
    // A zone that is entirely gone (while others are fine) is really gone: evict at the normal pace.
    case 'FullDisruption':
    case 'Normal':
    default:
      return cfg.evictionRate;
  }
}

/** A token bucket of capacity one, as plain state the caller keeps between decisions. */
export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export interface Take {
  taken: boolean;
  bucket: TokenBucket;
  /** How long until a token will be there at this rate (undefined at rate 0). */
  waitMs?: number;
}

const BURST = 1;

export function takeToken(bucket: TokenBucket | undefined, rate: number, now: number): Take {
  const elapsed = bucket ? Math.max(0, now - bucket.updatedAt) : 0;
  const tokens = bucket ? Math.min(BURST, bucket.tokens + (rate * elapsed) / 1000) : BURST;
  if (rate > 0 && tokens >= 1) return { taken: true, bucket: { tokens: tokens - 1, updatedAt: now } };
  const next: TokenBucket = { tokens, updatedAt: now };
  return rate > 0 ? { taken: false, bucket: next, waitMs: Math.ceil(((1 - tokens) * 1000) / rate) } : { taken: false, bucket: next };
}
