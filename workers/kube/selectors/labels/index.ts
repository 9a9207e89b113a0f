// Label selectors: the `?labelSelector=` string form, the object form, matching and printing.
export type { LabelSelector, Operator, Requirement } from './types';
export { EVERYTHING, NOTHING } from './types';
export { parseLabelSelector } from './parse';
export { selectorFromLabelSelector, type LabelSelectorObject, type LabelSelectorRequirementObject } from './object';
export { matchesLabels, matchesRequirement, isEverything, isNothing, requiresExactMatch } from './match';
export { formatLabelSelector, formatRequirement } from './format';
