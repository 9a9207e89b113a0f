import { describe, expect, it } from 'vitest';
import { chargeFor, exceededMessage, formatAmount, matchesScopes, missingCompute, requirementsOf, toAmount, trackedResource, usageOf } from '.';

const pod = (containers: { name: string; resources?: object }[], extra: Record<string, unknown> = {}) => ({ metadata: { name: 'p' }, spec: { containers, ...extra } });
const POD = { group: '', plural: 'pods' };

describe('quota amounts', () => {
  it.each([
    ['requests.cpu', '250m', 250, '250m'],
    ['cpu', '2', 2000, '2'],
    ['requests.memory', '1Gi', 2 ** 30, '1073741824'],
    ['pods', '5', 5, '5'],
  ])('%s %s', (r, q, amount, text) => {
    expect(toAmount(r, q)).toBe(amount);
    expect(formatAmount(r, amount)).toBe(text);
  });
  it('prints in the notation of the hard value', () => expect(formatAmount('requests.memory', 2 ** 30, 'BinarySI')).toBe('1Gi'));
});

describe('usage of an object', () => {
  it('a pod counts itself and the sum of its containers (init containers as a maximum)', () => {
    const p = pod(
      [
        { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m' } } },
        { name: 'b', resources: { requests: { cpu: '300m' } } },
      ],
      { initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }] },
    );
    expect(usageOf(POD, p)).toEqual({ 'count/pods': 1, pods: 1, cpu: 1000, 'requests.cpu': 1000, memory: 64 * 2 ** 20, 'requests.memory': 64 * 2 ** 20, 'limits.cpu': 200 });
  });
  it('a finished pod uses nothing', () => expect(usageOf(POD, { ...pod([{ name: 'a' }]), status: { phase: 'Succeeded' } })).toEqual({}));
  it('a NodePort service counts its ports', () =>
    expect(usageOf({ group: '', plural: 'services' }, { spec: { type: 'NodePort', ports: [{ port: 1 }, { port: 2 }] } })).toEqual({ 'count/services': 1, services: 1, 'services.nodeports': 2 }));
  it('a claim counts its storage, also per class', () =>
    expect(usageOf({ group: '', plural: 'persistentvolumeclaims' }, { spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } })).toEqual({
      'count/persistentvolumeclaims': 1,
      persistentvolumeclaims: 1,
      'requests.storage': 2 ** 30,
      'fast.storageclass.storage.k8s.io/persistentvolumeclaims': 1,
      'fast.storageclass.storage.k8s.io/requests.storage': 2 ** 30,
    }));
  it('other kinds count as count/<resource>.<group>', () => expect(usageOf({ group: 'apps', plural: 'deployments' }, {})).toEqual({ 'count/deployments.apps': 1 }));
  it.each([
    ['count/deployments.apps', 'apps/deployments'],
    ['count/configmaps', 'configmaps'],
    ['requests.cpu', 'pods'],
    ['services.nodeports', 'services'],
    ['requests.storage', 'persistentvolumeclaims'],
    ['gold.storageclass.storage.k8s.io/requests.storage', 'persistentvolumeclaims'],
  ])('%s is counted from %s', (name, resource) => expect(trackedResource(name)).toBe(resource));
});

describe('quota scopes', () => {
  const bestEffort = pod([{ name: 'a' }]);
  const burstable = pod([{ name: 'a', resources: { requests: { cpu: '1' } } }], { activeDeadlineSeconds: 10, priorityClassName: 'high' });
  it.each([
    { scopes: ['BestEffort'], obj: bestEffort, want: true },
    { scopes: ['BestEffort'], obj: burstable, want: false },
    { scopes: ['NotBestEffort', 'Terminating'], obj: burstable, want: true },
    { scopes: ['NotTerminating'], obj: burstable, want: false },
  ])('$scopes on a pod → $want', ({ scopes, obj, want }) => expect(matchesScopes(requirementsOf({ scopes }), 'pods', '', obj)).toBe(want));
  it('a PriorityClass selector', () => {
    const sel = requirementsOf({ scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
    expect(matchesScopes(sel, 'pods', '', burstable)).toBe(true);
    expect(matchesScopes(sel, 'pods', '', bestEffort)).toBe(false);
  });
  it('a scoped quota tracks nothing but pods', () => expect(matchesScopes(requirementsOf({ scopes: ['NotTerminating'] }), 'configmaps', '', {})).toBe(false));
});

describe('quota verdicts', () => {
  it('names the containers missing what a compute quota needs', () => {
    const p = pod([{ name: 'b', resources: { requests: { cpu: '1' } } }, { name: 'a' }]);
    expect(missingCompute(['limits.cpu', 'requests.cpu', 'pods'], p)).toBe('must specify limits.cpu for: a,b; requests.cpu for: a');
    expect(missingCompute(['pods', 'count/configmaps'], p)).toBeUndefined();
  });
  it('charges only the hard resources', () => expect(chargeFor(['pods', 'limits.cpu'], { pods: 1, 'requests.cpu': 100 })).toEqual({ pods: 1 }));
  it('says which limits a request would pass, as upstream', () => {
    const state = { name: 'q', hard: { pods: 2, 'requests.cpu': 1000 }, used: { pods: 2, 'requests.cpu': 500 }, formats: {} };
    expect(exceededMessage(state, { pods: 1, 'requests.cpu': 500 })).toBe('exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    expect(exceededMessage(state, { 'requests.cpu': 600 })).toBe('exceeded quota: q, requested: requests.cpu=600m, used: requests.cpu=500m, limited: requests.cpu=1');
    expect(exceededMessage({ ...state, used: { pods: 1 } }, { pods: 1 })).toBeUndefined();
  });
});
