// Field selectors: the `?fieldSelector=` string form, matching, printing and key checks.
export type { FieldRequirement, FieldSelector } from './types';
export { parseFieldSelector } from './parse';
export { escapeFieldValue, unescapeFieldValue } from './escape';
export { matchesFields, requirementsOf, isEverything, formatFieldSelector, requiresExactMatch, validateFieldSelectorKeys } from './match';
