import { describe, expect, it } from 'vitest';
import { formatMemory, nodeSummaries, podsByPhase, recentWarnings, unhealthyWorkloads } from './summary';

describe('overview summaries', () => {
  it('reads node readiness, schedulability and allocatable capacity', () => {
    const nodes = [
      { metadata: { name: 'b' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'False' }], allocatable: { cpu: '4', memory: '8167876Ki', pods: '110' } } },
      { metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: '2', memory: '2Gi', pods: '10' } } },
      { metadata: { name: 'c' }, status: {} },
    ];
    expect(nodeSummaries(nodes)).toEqual([
      { name: 'a', ready: 'True', schedulable: true, cpu: '2', memory: '2Gi', pods: '10' },
      { name: 'b', ready: 'False', schedulable: false, cpu: '4', memory: '7.8Gi', pods: '110' },
      { name: 'c', ready: 'Unknown', schedulable: true, cpu: '', memory: '', pods: '' },
    ]);
  });

  it.each([
    ['1Gi', '1Gi'],
    ['1536Mi', '1.5Gi'],
    ['1000000000', '953.7Mi'],
    ['512', '512'],
    ['weird', 'weird'],
  ])('formats memory %j as %j', (q, want) => expect(formatMemory(q)).toBe(want));

  it('counts pods by phase, an absent phase as Unknown', () => {
    const pods = ['Running', 'Running', 'Pending', 'Failed', undefined].map((phase, i) => ({ metadata: { name: `p${i}` }, status: phase ? { phase } : {} }));
    expect(podsByPhase(pods)).toEqual({ Running: 2, Pending: 1, Succeeded: 0, Failed: 1, Unknown: 1 });
  });

  it('lists workloads below their desired ready count or with a stuck rollout', () => {
    const m = (name: string) => ({ name, namespace: 'default' });
    const got = unhealthyWorkloads({
      deployments: [
        { metadata: m('ok'), spec: { replicas: 2 }, status: { readyReplicas: 2 } },
        { metadata: m('short'), spec: { replicas: 3 }, status: { readyReplicas: 1 } },
        { metadata: m('stuck'), spec: { replicas: 1 }, status: { readyReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } },
        { metadata: m('zero'), spec: { replicas: 0 }, status: {} },
      ],
      statefulsets: [{ metadata: m('db'), spec: { replicas: 2 }, status: { readyReplicas: 2 } }],
      daemonsets: [{ metadata: m('agent'), status: { desiredNumberScheduled: 3, numberReady: 2 } }],
    });
    expect(got.map((u) => [u.kind, u.name, u.reason])).toEqual([
      ['DaemonSet', 'agent', '2/3 ready'],
      ['Deployment', 'short', '1/3 ready'],
      ['Deployment', 'stuck', 'ProgressDeadlineExceeded'],
    ]);
  });

  it('keeps the latest warning events first', () => {
    const ev = (name: string, type: string, t: string) => ({ metadata: { name }, type, lastTimestamp: t });
    const got = recentWarnings([ev('old', 'Warning', '2026-01-01T00:00:00Z'), ev('normal', 'Normal', '2026-01-01T00:09:00Z'), ev('new', 'Warning', '2026-01-01T00:05:00Z'), ev('mid', 'Warning', '2026-01-01T00:03:00Z')], 2);
    expect(got.map((e) => e.metadata.name)).toEqual(['new', 'mid']);
  });
});
