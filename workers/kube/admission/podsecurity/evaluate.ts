// Evaluating one pod (or pod template) against one level and version.
import type { Level, PodInput, Violation } from './types';
import { checksFor } from './registry';
import { parseVersion } from './version';

export interface Evaluation {
  allowed: boolean;
  violations: Violation[];
}

/**
 * Runs the Pod Security Standards checks for `level` at `version` ("latest" or "v1.x"; anything
 * else is read as latest, like an invalid namespace label).
 */
export function evaluatePodSecurity(pod: PodInput, level: Level, version: string): Evaluation {
  const spec = pod.spec ?? { containers: [] };
  const meta = { annotations: pod.metadata?.annotations };
  const violations: Violation[] = [];
  for (const { id, fn } of checksFor(level, parseVersion(version).version)) {
    const f = fn(meta, spec);
    // A refusal without a reason still has to say something; upstream uses this placeholder.
    if (f) {
      const reason = f.reason || 'unknown forbidden reason';
      violations.push({ check: id, reason, detail: f.detail, message: f.detail ? `${reason} (${f.detail})` : reason });
    }
  }
  return { allowed: violations.length === 0, violations };
}

/** "reason (detail), reason (detail)": the text after `violates PodSecurity "...": `. */
export const describeViolations = (violations: Violation[]) => violations.map((v) => v.message).join(', ');
