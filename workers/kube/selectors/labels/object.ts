// The metav1.LabelSelector object form (`matchLabels` + `matchExpressions`) as upstream converts it.
import { badRequest } from '../../status';
import { byKey, newRequirement, SelectorSyntaxError } from './requirement';
import { goQuote } from './go-format';
import { EVERYTHING, NOTHING, type LabelSelector, type Operator, type Requirement } from './types';

export interface LabelSelectorRequirementObject {
  key: string;
  operator: string;
  values?: string[] | null;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementObject[] | null;
}

const OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * Converts the object form. A missing selector selects nothing; an empty one selects everything.
 * Invalid keys, values or operators throw 400 BadRequest with upstream's wording.
 */
export function selectorFromLabelSelector(obj: LabelSelectorObject | null | undefined): LabelSelector {
  if (obj === null || obj === undefined) return NOTHING;
  const labels = Object.entries(obj.matchLabels ?? {});
  const exprs = obj.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return EVERYTHING;
  const reqs: Requirement[] = [];
  try {
    for (const [k, v] of labels) reqs.push(newRequirement(k, '=', [v]));
    for (const e of exprs) {
      const op = Object.hasOwn(OPERATORS, e.operator) ? OPERATORS[e.operator] : undefined;
      if (!op) throw new SelectorSyntaxError(`${goQuote(String(e.operator))} is not a valid label selector operator`);
      // Upstream copies the values into a fresh slice, so an empty list reads as nil in messages.
      const values = Array.isArray(e.values) && e.values.length > 0 ? e.values : null;
      reqs.push(newRequirement(e.key, op, values));
    }
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
  return { requirements: byKey(reqs) };
}
