// Termination messages of exited instances: the container's message file, or with
// terminationMessagePolicy FallbackToLogsOnError and an empty file, the tail of a failed container's
// log (upstream: the last 80 lines, at most 2 KiB).
import { LABELS, type ContainerStatus } from '../../runtime/types';
import type { PodState, SyncContext } from './context';

const FALLBACK_LINES = 80;
const FALLBACK_BYTES = 2048;

async function logTail(ctx: SyncContext, id: string): Promise<string> {
  const logs = await ctx.runtime.logs(id, { tailLines: FALLBACK_LINES });
  const chunks: Buffer[] = [];
  const collect = async (s: NodeJS.ReadableStream) => {
    for await (const c of s) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  };
  await Promise.all([collect(logs.stdout), collect(logs.stderr)]);
  const all = Buffer.concat(chunks);
  return all.subarray(Math.max(0, all.length - FALLBACK_BYTES)).toString('utf8');
}

/**
 * Reads the message of every exited instance not read yet. Must run before a new instance of the same
 * container is created: creating one empties the message file.
 */
export async function readTerminationMessages(ctx: SyncContext, state: PodState, containers: ContainerStatus[]): Promise<void> {
  const read = ctx.deps.volumes.readTerminationMessage?.bind(ctx.deps.volumes);
  const pod = state.pod;
  for (const c of containers) {
    if (c.state !== 'exited' || state.terminationMessages.has(c.id)) continue;
    const name = c.labels[LABELS.container] ?? c.name;
    let msg = read ? await read(pod.metadata.uid ?? '', name).catch(() => '') : '';
    const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((x) => x.name === name);
    if (!msg && spec?.terminationMessagePolicy === 'FallbackToLogsOnError' && c.exitCode !== 0) {
      msg = await logTail(ctx, c.id).catch(() => '');
    }
    state.terminationMessages.set(c.id, msg);
  }
}
