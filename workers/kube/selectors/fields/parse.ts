// Field selector strings (`metadata.name=web,status.phase!=Running`) as upstream's fields.ParseSelector.
import { badRequest } from '../../status';
import { FieldSyntaxError, splitTerms, unescapeFieldValue } from './escape';
import type { FieldRequirement, FieldSelector } from './types';

// "==" before "=" so that `a==b` does not leave "=b" as the value.
const OPERATORS = ['!=', '==', '='] as const;

/** The first operator occurrence splits the term; keys cannot be escaped. */
function splitTerm(term: string): [string, (typeof OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

/** Parses a `fieldSelector` query value; throws 400 BadRequest worded like upstream. */
export function parseFieldSelector(s: string): FieldSelector {
  // Upstream sorts the raw terms first, which fixes both the printed order and which error is reported.
  const parts = splitTerms(s).sort();
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const [field, op, raw] = split;
    let value: string;
    try {
      value = unescapeFieldValue(raw);
    } catch (e) {
      if (e instanceof FieldSyntaxError) throw badRequest(e.message);
      throw e;
    }
    requirements.push({ field, operator: op === '!=' ? '!=' : '=', value });
  }
  return { requirements };
}
