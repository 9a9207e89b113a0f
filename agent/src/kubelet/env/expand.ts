// $(VAR) expansion as Kubernetes does it for env values, command, args and subPathExpr:
// "$(NAME)" is replaced when NAME resolves, "$$" is an escaped "$", and anything else (an unknown
// name, an unclosed "$(", a lone "$") is left exactly as written.

/** Looks a name up in each map in turn; an unresolved reference is written back as "$(name)". */
export function mappingFor(...maps: ReadonlyMap<string, string>[]): (name: string) => string {
  return (name) => {
    for (const m of maps) {
      const v = m.get(name);
      if (v !== undefined) return v;
    }
    return `$(${name})`;
  };
}

export function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    // A "$" as the very last character is literal, like any other character.
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        // Unclosed: keep "$(" and carry on scanning after it.
        out += '$(';
        i += 2;
      } else {
        out += mapping(input.slice(i + 2, close));
        i = close + 1;
      }
    } else {
      out += '$' + next;
      i += 2;
    }
  }
  return out;
}
