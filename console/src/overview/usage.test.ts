import { describe, expect, it } from 'vitest';
import type { Obj } from './summary';
import { formatCores, formatMi, nodeUsage } from './usage';

const node = (name: string, cpu: string, memory: string): Obj => ({ metadata: { name }, status: { allocatable: { cpu, memory } } });

describe('node usage', () => {
  it('joins NodeMetrics to nodes as a percent of allocatable', () => {
    const u = nodeUsage([node('b', '2', '4Gi'), node('a', '4', '8Gi')], [{ metadata: { name: 'a' }, usage: { cpu: '1', memory: '2Gi' } }, { metadata: { name: 'b' }, usage: { cpu: '500m', memory: '1024Mi' } }]);
    expect(u.map((x) => [x.name, x.cpu.percent, x.memory.percent])).toEqual([
      ['a', 25, 25],
      ['b', 25, 25],
    ]);
    expect(formatCores(u[1].cpu.used)).toBe('500m');
    expect(formatMi(u[1].memory.used)).toBe('1024Mi');
  });

  it('leaves a node without metrics blank', () => {
    const [n] = nodeUsage([node('a', '4', '8Gi')], []);
    expect(n.cpu).toEqual({ used: undefined, allocatable: 4, percent: undefined });
    expect(formatCores(undefined)).toBe('—');
  });
});
