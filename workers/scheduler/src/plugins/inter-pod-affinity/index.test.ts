import { describe, expect, it } from 'vitest';
import { filterVerdicts, node, pod, scores } from '../../framework/testing';
import type { PodAffinityTerm } from '../../framework/types';
import { New } from '.';

const ZONE = 'topology.kubernetes.io/zone';
const term = (app: string, topologyKey = ZONE): PodAffinityTerm => ({ topologyKey, labelSelector: { matchLabels: { app } } });
const nodes = () => [node('a1').withZone('a'), node('a2').withZone('a'), node('b1').withZone('b')];
const AFF = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";

describe('InterPodAffinity filter', () => {
  it('required affinity admits only the domains holding a matching pod', () => {
    const p = pod('p').affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } });
    expect(filterVerdicts(New(), p, nodes(), [pod('db').label('app', 'db').on('a2')])).toEqual({ a1: '', a2: '', b1: AFF });
  });
  it('the first pod of a self-affine group may go anywhere', () => {
    const p = pod('p').label('app', 'web').affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } });
    expect(filterVerdicts(New(), p, nodes())).toEqual({ a1: '', a2: '', b1: '' });
  });
  it('required anti-affinity keeps the pod out of domains with a matching pod', () => {
    const p = pod('p').affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } });
    expect(filterVerdicts(New(), p, nodes(), [pod('w').label('app', 'web').on('a1')])).toEqual({ a1: ANTI, a2: ANTI, b1: '' });
  });
  it("an existing pod's anti-affinity keeps a matching pod out of its domain", () => {
    const e = pod('e').label('app', 'cache').affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', 'kubernetes.io/hostname')] } }).on('a1');
    expect(filterVerdicts(New(), pod('p').label('app', 'web'), nodes(), [e])).toEqual({ a1: EXISTING, a2: '', b1: '' });
  });
  it('pods in other namespaces do not count unless the term names them', () => {
    const p = pod('p').affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] } });
    expect(filterVerdicts(New(), p, nodes(), [pod('w', 'other').label('app', 'web').on('a1')]).a1).toBe('');
    const named = pod('p').affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term('web'), namespaces: ['other'] }] } });
    expect(filterVerdicts(New(), named, nodes(), [pod('w', 'other').label('app', 'web').on('a1')]).a1).toBe(ANTI);
  });
});

describe('InterPodAffinity score', () => {
  it('preferred affinity favours the domain of matching pods, anti-affinity disfavours it', () => {
    const existing = [pod('db').label('app', 'db').on('a1')];
    const near = pod('p').affinity({ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db') }] } });
    expect(scores(New(), near, nodes(), existing)).toEqual({ a1: 100, a2: 100, b1: 0 });
    const far = pod('p').affinity({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('db') }] } });
    expect(scores(New(), far, nodes(), existing)).toEqual({ a1: 0, a2: 0, b1: 100 });
  });
});
