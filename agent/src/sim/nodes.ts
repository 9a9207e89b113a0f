// What a simulated node looks like, and a deterministic generator for many of them (no randomness,
// so a test or a benchmark run gets the same cluster every time).
export interface SimTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface SimNodeSpec {
  name: string;
  /** Quantities as the API writes them, e.g. "4", "16Gi". */
  cpu: string;
  memory: string;
  pods: number;
  ephemeralStorage?: string;
  zone?: string;
  instanceType?: string;
  labels?: Record<string, string>;
  taints?: SimTaint[];
}

export interface NodeSize {
  instanceType: string;
  cpu: string;
  memory: string;
  pods: number;
  ephemeralStorage?: string;
  /** Relative share of nodes of this size (default 1). */
  weight?: number;
}

export interface NodeGeneratorOptions {
  count: number;
  /** Name prefix (default "sim-node"); names are `${prefix}-${index}`, the index padded to 4 digits. */
  namePrefix?: string;
  /** A number of zones ("zone-a", "zone-b", ...) or their names (default 3). */
  zones?: number | string[];
  sizes?: NodeSize[];
  /** Fraction of nodes (0..1) that get `taint`, spread evenly over the list. */
  taintedFraction?: number;
  taint?: SimTaint;
  /** Extra labels on every node. */
  labels?: Record<string, string>;
}

export const DEFAULT_SIZES: NodeSize[] = [
  { instanceType: 'sim.small', cpu: '2', memory: '4Gi', pods: 30, weight: 1 },
  { instanceType: 'sim.medium', cpu: '4', memory: '16Gi', pods: 110, weight: 2 },
  { instanceType: 'sim.large', cpu: '16', memory: '64Gi', pods: 250, weight: 1 },
];

export const DEFAULT_TAINT: SimTaint = { key: 'sim.kubeflare.dev/tainted', value: 'true', effect: 'NoSchedule' };

export function zoneNames(zones: number | string[] = 3): string[] {
  if (Array.isArray(zones)) return zones.length ? zones : ['zone-a'];
  const n = Math.max(1, Math.floor(zones));
  return Array.from({ length: n }, (_, i) => `zone-${i < 26 ? String.fromCharCode(97 + i) : i}`);
}

/** True for exactly round(count × fraction) indexes, spread evenly (Bresenham-style). */
export function pickedEvenly(index: number, fraction: number): boolean {
  const f = Math.min(1, Math.max(0, fraction));
  return Math.floor((index + 1) * f + 1e-9) > Math.floor(index * f + 1e-9);
}

/** The size of node `index`, following the weights over each cycle of total weight. */
export function sizeAt(index: number, sizes: NodeSize[]): NodeSize {
  const total = sizes.reduce((s, z) => s + (z.weight ?? 1), 0);
  let slot = index % total;
  for (const z of sizes) {
    slot -= z.weight ?? 1;
    if (slot < 0) return z;
  }
  return sizes[sizes.length - 1];
}

/** Fixed (not count-dependent) so a rerun with more nodes keeps the names of the first ones. */
const NAME_DIGITS = 4;

export function generateNodes(opts: NodeGeneratorOptions): SimNodeSpec[] {
  const zones = zoneNames(opts.zones);
  const sizes = opts.sizes?.length ? opts.sizes : DEFAULT_SIZES;
  const prefix = opts.namePrefix ?? 'sim-node';
  const taint = opts.taint ?? DEFAULT_TAINT;
  return Array.from({ length: opts.count }, (_, i) => {
    const size = sizeAt(i, sizes);
    return {
      name: `${prefix}-${String(i).padStart(NAME_DIGITS, '0')}`,
      cpu: size.cpu,
      memory: size.memory,
      pods: size.pods,
      ephemeralStorage: size.ephemeralStorage,
      zone: zones[i % zones.length],
      instanceType: size.instanceType,
      labels: opts.labels ? { ...opts.labels } : undefined,
      taints: pickedEvenly(i, opts.taintedFraction ?? 0) ? [{ ...taint }] : undefined,
    };
  });
}
