import { describe, expect, it } from 'vitest';
import { KINDS } from './descriptors';
import { encodeBody } from './encode.testing';
import { decodeKubernetesProtobuf } from './index';
import { fullObject, kubectlSamples } from './samples.testing';

const roundTrip = (obj: Record<string, unknown>, type: string) => decodeKubernetesProtobuf(encodeBody(obj, type));

describe('protobuf round trip (JSON -> test encoder -> envelope -> decoder)', () => {
  for (const [gvk, type] of Object.entries(KINDS)) {
    it(`${gvk}: every field set`, () => {
      const i = gvk.lastIndexOf('/');
      const obj = { apiVersion: gvk.slice(0, i), kind: gvk.slice(i + 1), ...fullObject(type) };
      const out = roundTrip(obj, type);
      expect(out.apiVersion).toBe(obj.apiVersion);
      expect(out.kind).toBe(obj.kind);
      expect(out.object).toEqual(obj);
      expect(JSON.parse(JSON.stringify(out.object))).toEqual(obj);
    });
  }

  for (const [type, obj] of Object.entries(kubectlSamples)) {
    it(`${obj.apiVersion}/${obj.kind}: as kubectl builds it`, () => {
      expect(roundTrip(obj, type).object).toEqual(obj);
    });
  }

  it('covers every kind the kubectl typed commands send', () => {
    const need = [
      'v1/Namespace', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Service', 'v1/Pod', 'v1/ResourceQuota',
      'apps/v1/Deployment', 'batch/v1/Job', 'batch/v1/CronJob',
      'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
      'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
      'scheduling.k8s.io/v1/PriorityClass', 'networking.k8s.io/v1/Ingress', 'policy/v1/PodDisruptionBudget',
      'authorization.k8s.io/v1/SelfSubjectAccessReview', 'authorization.k8s.io/v1/SelfSubjectRulesReview',
      'authentication.k8s.io/v1/TokenRequest',
    ];
    expect(need.filter((k) => !KINDS[k])).toEqual([]);
  });
});
