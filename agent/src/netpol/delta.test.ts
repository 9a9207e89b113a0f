import { describe, expect, it } from 'vitest';
import { renderDelta } from './delta';
import { namespace, pod, policy } from './fixtures.testing';
import { buildModel } from './model';
import type { NetworkPolicy, Pod } from './types';

const namespaces = [namespace('default'), namespace('other', { team: 'x' })];
const web = pod('default', 'web', '10.244.0.10', { app: 'web' });
const client = pod('default', 'client', '10.244.1.5', { role: 'client' }, { node: 'node-b' });
const allow = policy('default', 'allow', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] });
const m = (pods: Pod[], policies: NetworkPolicy[] = [allow]) => buildModel({ nodeName: 'node-a', pods, namespaces, policies });

describe('renderDelta', () => {
  it('sends nothing when nothing changed', () => {
    expect(renderDelta(m([web, client]), m([web, client]))).toBe('');
  });

  it('turns a new peer pod into set elements only, never a chain', () => {
    const out = renderDelta(m([web]), m([web, client]))!;
    expect(out.split('\n').filter(Boolean)).toEqual([
      'add element ip kubeflare-netpol cluster-pods { 10.244.1.5 }',
      'add element ip kubeflare-netpol ingress-peers-default/allow/0 { 10.244.1.5 }',
    ]);
  });

  it('moves a relabelled local pod out of the isolation and target sets', () => {
    const relabelled = { ...web, metadata: { ...web.metadata, labels: { app: 'other' } } };
    expect(renderDelta(m([web, client]), m([relabelled, client]))!.split('\n').filter(Boolean)).toEqual([
      'delete element ip kubeflare-netpol ingress-isolated { 10.244.0.10 }',
      'delete element ip kubeflare-netpol ingress-targets-default/allow { 10.244.0.10 }',
    ]);
  });

  it('adds a policy’s sets and chain before referring to them, and removes them after', () => {
    const deny = policy('default', 'deny', {});
    const added = renderDelta(m([web, client]), m([web, client], [allow, deny]))!.split('\n').filter(Boolean);
    expect(added).toEqual([
      'add set ip kubeflare-netpol ingress-targets-default/deny { type ipv4_addr; }',
      'add chain ip kubeflare-netpol ingress-default/deny',
      'add element ip kubeflare-netpol ingress-targets-default/deny { 10.244.0.10 }',
      'flush chain ip kubeflare-netpol ingress-policies',
      'add rule ip kubeflare-netpol ingress-policies ip daddr @ingress-targets-default/allow jump ingress-default/allow',
      'add rule ip kubeflare-netpol ingress-policies ip daddr @ingress-targets-default/deny jump ingress-default/deny',
      'add rule ip kubeflare-netpol ingress-policies drop',
    ]);
    const removed = renderDelta(m([web, client], [allow, deny]), m([web, client]))!.split('\n').filter(Boolean);
    expect(removed).toEqual([
      'flush chain ip kubeflare-netpol ingress-policies',
      'add rule ip kubeflare-netpol ingress-policies ip daddr @ingress-targets-default/allow jump ingress-default/allow',
      'add rule ip kubeflare-netpol ingress-policies drop',
      'flush chain ip kubeflare-netpol ingress-default/deny',
      'delete chain ip kubeflare-netpol ingress-default/deny',
      'delete set ip kubeflare-netpol ingress-targets-default/deny',
    ]);
  });

  it('removes changed ipBlock elements before adding, so an interval set never overlaps', () => {
    const block = (except: string[]) => policy('default', 'out', { policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24', except } }] }] });
    const out = renderDelta(m([web], [block([])]), m([web], [block(['10.0.0.0/25'])]))!.split('\n').filter(Boolean);
    expect(out).toEqual(['delete element ip kubeflare-netpol egress-cidrs-default/out/0 { 10.0.0.0/24 }', 'add element ip kubeflare-netpol egress-cidrs-default/out/0 { 10.0.0.128/25 }']);
  });

  it('asks for a full load when the table changes', () => {
    expect(renderDelta(m([web]), { ...m([web]), table: 'other' })).toBeNull();
  });
});
