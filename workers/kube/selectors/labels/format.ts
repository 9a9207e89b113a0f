// The canonical string form upstream prints (Scale.status.selector, kubectl describe, events).
import type { LabelSelector, Requirement } from './types';

const SPELLING: Record<Requirement['operator'], string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

export function formatRequirement(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  // Values print sorted without reordering the requirement itself.
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${SPELLING[r.operator]}${set ? `(${values})` : values}`;
}

export function formatLabelSelector(sel: LabelSelector): string {
  if (sel.nothing) return '';
  return sel.requirements.map(formatRequirement).join(',');
}
