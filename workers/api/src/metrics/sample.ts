// The body a node agent PUTs to /apis/kubeflare.dev/v1/nodes/<node>/metrics: the node's usage and
// that of every pod it runs, averaged over `window` and ending at `timestamp`. Validated here, so a
// sample in the MetricsStore is always well formed.
import { z } from 'zod';
import { isValidQuantity } from '../../../kube/quantity';
import type { StatusCause } from '../../../kube/status';

const quantity = z.string().refine(isValidQuantity, { message: 'must be a quantity, e.g. "250m", "12345n" or "64Mi"' });
const usage = z.strictObject({ cpu: quantity, memory: quantity });
const name = z.string().min(1).max(253);

export const nodeSample = z.strictObject({
  timestamp: z.iso.datetime({ offset: true }),
  /** A Go duration as metrics-server prints it: "15s", "14.998s". */
  window: z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/, 'must be a duration such as "15s"'),
  node: usage,
  pods: z
    .array(
      z.strictObject({
        namespace: name,
        name,
        containers: z.array(z.strictObject({ name, cpu: quantity, memory: quantity })).max(100),
      }),
    )
    .max(1000),
});

export type NodeSample = z.infer<typeof nodeSample>;
export type Usage = z.infer<typeof usage>;

/** A stored sample: what the node sent and when it arrived (for expiry). */
export interface StoredSample {
  nodeName: string;
  receivedAt: number;
  sample: NodeSample;
}

/** Zod issues as Status causes, with dotted field paths as kubectl prints them. */
export function causesOf(error: z.ZodError): StatusCause[] {
  return error.issues.slice(0, 20).map((i) => ({
    reason: i.message.endsWith('received undefined') ? 'FieldValueRequired' : 'FieldValueInvalid',
    field: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''),
    message: i.message,
  }));
}
