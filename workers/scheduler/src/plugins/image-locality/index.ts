// ImageLocality: prefer nodes that already have the pod's images, weighted by image size and by how
// widely the image is spread (an image on every node gives no node an edge).
import type { Cycle, ScorePlugin } from '../../framework/interfaces';
import { normalizedImageName, type NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';

export const name = 'ImageLocality';

const MB = 1024 * 1024;
/** Below this an image is cheap to pull anyway; above the per-container cap size stops mattering. */
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((100 * (s - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

function podImages(p: PodInfo): string[] {
  const spec = p.pod.spec;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
}

export function New(): ScorePlugin {
  // Score has no PreScore upstream; remember the last pod's images so nodes after the first reuse them.
  let last: PodInfo | undefined;
  let images: string[] = [];
  return {
    name,
    score(cycle: Cycle, ni: NodeInfo) {
      if (last !== cycle.podInfo) {
        last = cycle.podInfo;
        images = podImages(cycle.podInfo);
      }
      if (ni.images.size === 0) return calculatePriority(0, images.length);
      let total = 0;
      let sum = 0;
      for (const img of images) {
        const size = ni.images.get(img);
        if (size === undefined) continue;
        total ||= cycle.snapshot.nodes.length;
        sum += Math.trunc(size * (cycle.snapshot.imageNodeCount(img) / total));
      }
      return calculatePriority(sum, images.length);
    },
  };
}
