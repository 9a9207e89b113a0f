// Volumes: baseline refuses hostPath; restricted allows only the core ephemeral and claim-backed
// sources (and replaces the hostPath check, whose volumes it also refuses).
import type { Check, CheckFn, PodSpec } from '../types';
import { joinQuote, pluralize, sortedSet } from '../format';

type Volume = NonNullable<PodSpec['volumes']>[number];

const hostPathVolumes: CheckFn = (_meta, spec) => {
  const bad = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
  return bad.length ? { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}` } : undefined;
};

const ALLOWED: (keyof Volume)[] = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

// The order upstream names a refused source in; anything else (e.g. image) reads "unknown".
const NAMED: (keyof Volume)[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

const restrictedVolumes: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  for (const v of spec.volumes ?? []) {
    if (ALLOWED.some((k) => v[k] != null)) continue;
    bad.push(v.name);
    types.push(NAMED.find((k) => v[k] != null) ?? 'unknown');
  }
  if (!bad.length) return undefined;
  const list = sortedSet(types);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', list.length)} ${joinQuote(list)}`,
  };
};

export const volumeChecks: Check[] = [
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ since: 0, fn: hostPathVolumes }] },
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ since: 0, fn: restrictedVolumes, overrides: ['hostPathVolumes'] }] },
];
