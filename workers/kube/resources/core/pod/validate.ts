// Semantic checks of a pod spec (pods and templates). The schema already checked shapes and types.
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Label, dns1123Subdomain } from '../../../validation/names';
import { dnsLabelField, enumValue, nonNegative, setKeys } from '../common/checks';
import type { PodSpec } from './spec';
import { validateContainer, type ContainerContext } from './validate-container';
import { VOLUME_SOURCE_KEYS } from './volume';
import { validateScheduling } from './validate-scheduling';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;

function validateVolumes(spec: PodSpec, path: string, errs: FieldErrors): Set<string> {
  const names = new Set<string>();
  (spec.volumes ?? []).forEach((v, i) => {
    const vp = `${path}.volumes[${i}]`;
    if (!v.name) errs.required(`${vp}.name`);
    else {
      for (const m of dns1123Label(v.name)) errs.invalid(`${vp}.name`, v.name, m);
      if (names.has(v.name)) errs.duplicate(`${vp}.name`, v.name);
      names.add(v.name);
    }
    const sources = setKeys(v, VOLUME_SOURCE_KEYS);
    if (sources.length === 0) errs.required(vp, 'must specify a volume type');
    else if (sources.length > 1) errs.forbidden(`${vp}.${sources[1]}`, 'may not specify more than 1 volume type');
    if (v.hostPath && !v.hostPath.path) errs.required(`${vp}.hostPath.path`);
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.required(`${vp}.persistentVolumeClaim.claimName`);
    for (const mode of [v.configMap?.defaultMode, v.secret?.defaultMode, v.downwardAPI?.defaultMode, v.projected?.defaultMode])
      if (mode !== undefined && (mode < 0 || mode > 0o777))
        errs.invalid(`${vp}`, mode, 'must be a number between 0 and 0777 (octal), both inclusive');
  });
  return names;
}

/** Validates a pod spec found at `path` (e.g. "spec" or "spec.template.spec"). */
export function validatePodSpec(spec: PodSpec, path: string, errs: FieldErrors) {
  const volumes = validateVolumes(spec, path, errs);
  const portNames = new Set<string>();
  const seen = new Set<string>();
  const each = (list: PodSpec['containers'] | undefined, field: string, kind: ContainerContext['kind']) =>
    (list ?? []).forEach((c, i) => {
      const cp = `${path}.${field}[${i}]`;
      validateContainer(c, cp, { volumes, portNames, kind }, errs);
      if (c.name && seen.has(c.name)) errs.duplicate(`${cp}.name`, c.name);
      if (c.name) seen.add(c.name);
    });

  if (!spec.containers || spec.containers.length === 0) errs.required(`${path}.containers`);
  each(spec.initContainers, 'initContainers', 'init');
  each(spec.containers, 'containers', 'container');
  each(spec.ephemeralContainers, 'ephemeralContainers', 'ephemeral');

  enumValue(errs, `${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES);
  enumValue(errs, `${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES);
  if (spec.dnsPolicy === 'None' && !spec.dnsConfig?.nameservers?.length)
    errs.required(`${path}.dnsConfig.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  if ((spec.dnsConfig?.nameservers?.length ?? 0) > 3)
    errs.invalid(`${path}.dnsConfig.nameservers`, spec.dnsConfig?.nameservers, 'must not have more than 3 nameservers');
  nonNegative(errs, `${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds);
  if (spec.activeDeadlineSeconds !== undefined && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647))
    errs.invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive');
  if (spec.serviceAccountName) for (const m of dns1123Subdomain(spec.serviceAccountName)) errs.invalid(`${path}.serviceAccountName`, spec.serviceAccountName, m);
  if (spec.nodeName) for (const m of dns1123Subdomain(spec.nodeName)) errs.invalid(`${path}.nodeName`, spec.nodeName, m);
  dnsLabelField(errs, `${path}.hostname`, spec.hostname);
  dnsLabelField(errs, `${path}.subdomain`, spec.subdomain);
  enumValue(errs, `${path}.preemptionPolicy`, spec.preemptionPolicy, ['Never', 'PreemptLowerPriority']);
  enumValue(errs, `${path}.os.name`, spec.os?.name, ['linux', 'windows']);
  (spec.imagePullSecrets ?? []).forEach((s, i) => {
    if (!s.name) errs.required(`${path}.imagePullSecrets[${i}].name`);
  });
  validateScheduling(spec, path, errs);
}
