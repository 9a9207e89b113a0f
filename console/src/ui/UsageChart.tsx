// Nodes' CPU and memory use (metrics.k8s.io, as kubectl top nodes) as bars against allocatable.
import type { Api } from '../api/client';
import type { Obj } from '../overview/summary';
import { formatCores, formatMi, nodeUsage } from '../overview/usage';
import { Empty, Loading } from './common';
import { usePolledList } from './hooks';

export function UsageChart({ api, nodes }: { api: Api; nodes?: Obj[] }) {
  const metrics = usePolledList(api, '/apis/metrics.k8s.io/v1beta1/nodes', 15_000);
  if (!nodes || (!metrics.state && !metrics.error)) return <Loading what="node usage" />;
  if (!metrics.state) return <Empty>Node metrics are not available ({metrics.error?.message}). Node agents report usage every 15 s once they run.</Empty>;
  const rows = nodeUsage(nodes, metrics.state);
  if (rows.length === 0) return <Empty>No nodes yet.</Empty>;
  return (
    <table class="grid usage" data-testid="usage">
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">CPU</th>
          <th scope="col">Memory</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => (
          <tr key={n.name}>
            <td>{n.name}</td>
            <td>
              <Meter label={`${n.name} CPU`} percent={n.cpu.percent} text={`${formatCores(n.cpu.used)} of ${formatCores(n.cpu.allocatable)}`} />
            </td>
            <td>
              <Meter label={`${n.name} memory`} percent={n.memory.percent} text={`${formatMi(n.memory.used)} of ${formatMi(n.memory.allocatable)}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Meter({ label, percent, text }: { label: string; percent?: number; text: string }) {
  if (percent === undefined) return <span class="muted">no metrics yet</span>;
  const level = percent >= 90 ? 'bad' : percent >= 70 ? 'warn' : 'ok';
  return (
    <span class="meter-row">
      <span class="meter" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${percent}% (${text})`}>
        <span class={`fill ${level}`} style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span class="muted">
        {percent}% · {text}
      </span>
    </span>
  );
}
