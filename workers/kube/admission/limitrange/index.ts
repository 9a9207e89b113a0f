// LimitRanger admission (upstream's plugin/pkg/admission/limitranger): the pure part. Defaults from
// Container items fill a new pod's containers' requests and limits; min, max and maxLimitRequestRatio of
// Container, Pod and PersistentVolumeClaim items are checked, with upstream's messages.
export { applyPodDefaults, LIMIT_RANGER_ANNOTATION } from './defaults';
export { validatePod, validateClaim, type LimitRangeItem } from './validate';
export { forbiddenText } from './validate';
