// Label selector strings (`app=web,tier in (a,b),!canary`) parsed with upstream's grammar and messages.
import { badRequest } from '../../status';
import { tokenize, type Token, type TokenKind } from './lexer';
import { byKey, keyError, newRequirement, SelectorSyntaxError } from './requirement';
import type { LabelSelector, Operator, Requirement } from './types';

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const OPERATOR_OF: Partial<Record<TokenKind, Operator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

const fail = (message: string): never => {
  throw new SelectorSyntaxError(message);
};

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  /** Where values are expected, the keywords `in`/`notin` are ordinary identifiers. */
  private asValue(t: Token): TokenKind {
    return t.kind === 'in' || t.kind === 'notin' ? 'identifier' : t.kind;
  }
  peek(): { kind: TokenKind; text: string } {
    const t = this.tokens[this.pos];
    return { kind: this.asValue(t), text: t.text };
  }
  next(asValue = true): { kind: TokenKind; text: string } {
    const t = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return { kind: asValue ? this.asValue(t) : t.kind, text: t.text };
  }

  selector(): Requirement[] {
    const out: Requirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'end') return out;
      if (t.kind !== 'identifier' && t.kind !== '!') fail(`found '${t.text}', expected: !, identifier, or 'end of string'`);
      try {
        out.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorSyntaxError) fail(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const sep = this.next();
      if (sep.kind === 'end') return out;
      if (sep.kind !== ',') fail(`found '${sep.text}', expected: ',' or 'end of string'`);
      const after = this.peek();
      if (after.kind !== 'identifier' && after.kind !== '!') fail(`found '${after.text}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let negated = false;
    let t = this.next();
    if (t.kind === '!') {
      negated = true;
      t = this.next();
    }
    if (t.kind !== 'identifier') fail(`found '${t.text}', expected: identifier`);
    const key = t.text;
    // Upstream validates the key here with a nil field path, which Go prints as "<nil>".
    const kerr = keyError(key, '<nil>');
    if (kerr) fail(kerr);
    const ahead = this.peek().kind;
    if (negated) return newRequirement(key, '!', []);
    if (ahead === 'end' || ahead === ',') return newRequirement(key, 'exists', []);
    const op = this.next(false);
    const operator = OPERATOR_OF[op.kind] ?? fail(`found '${op.text}', expected: ${BINARY_OPERATORS}`);
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, operator, [...values].sort());
  }

  private exactValue(): Set<string> {
    const ahead = this.peek().kind;
    if (ahead === 'end' || ahead === ',') return new Set(['']);
    const t = this.next();
    if (t.kind !== 'identifier') fail(`found '${t.text}', expected: identifier`);
    return new Set([t.text]);
  }

  private valueSet(): Set<string> {
    const open = this.next();
    if (open.kind !== '(') fail(`found '${open.text}' expected: '('`);
    const first = this.peek();
    if (first.kind === ')') {
      // Upstream reads "()" as the set holding only the empty value.
      this.next();
      return new Set(['']);
    }
    if (first.kind !== 'identifier' && first.kind !== ',') fail(`found '${first.text}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    // Upstream reports the token that opened the list here, not the offending one.
    if (this.next().kind !== ')') fail(`found '${first.text}', expected: ')'`);
    return values;
  }

  /** A comma-separated list in which empty entries stand for the empty value. */
  private identifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.kind === 'identifier') {
        values.add(t.text);
        const ahead = this.peek();
        if (ahead.kind === ',') continue;
        if (ahead.kind === ')') return values;
        fail(`found '${ahead.text}', expected: ',' or ')'`);
      } else if (t.kind === ',') {
        if (values.size === 0) values.add('');
        const ahead = this.peek().kind;
        if (ahead === ')') {
          values.add('');
          return values;
        }
        if (ahead === ',') {
          this.next();
          values.add('');
        }
      } else fail(`found '${t.text}', expected: ',', or identifier`);
    }
  }
}

/** Parses a `labelSelector` query value; throws 400 BadRequest worded like upstream. */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    const reqs = new Parser(tokenize(s)).selector();
    return { requirements: byKey(reqs) };
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
}
