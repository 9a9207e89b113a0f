// Tokenizer for label selector strings, with upstream's rules for what separates tokens.

export type TokenKind = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '(';

export interface Token {
  kind: TokenKind;
  text: string;
}

const SYMBOLS = new Set<string>(['(', ')', ',', '!', '=', '==', '!=', '>', '<']);
const KEYWORDS = new Set<string>(['in', 'notin']);

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

/** Splits the whole input up front; the last token is always 'end'. */
export function tokenize(input: string): Token[] {
  // Upstream reads bytes and treats a NUL byte as the end of input.
  const nul = input.indexOf('\0');
  const s = nul >= 0 ? input.slice(0, nul) : input;
  const tokens: Token[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      tokens.push({ kind: 'end', text: '' });
      return tokens;
    }
    if (isSpecial(s[pos])) {
      // Longest run of symbols that still forms a known operator: "!=" but "=" then "(" for "=(".
      let best = '';
      let buf = '';
      for (let i = pos; i < s.length && isSpecial(s[i]); i++) {
        buf += s[i];
        if (SYMBOLS.has(buf)) best = buf;
        else if (best) break;
      }
      pos += best.length;
      tokens.push({ kind: best as TokenKind, text: best });
      continue;
    }
    let end = pos;
    while (end < s.length && !isSpecial(s[end]) && !isWhitespace(s[end])) end++;
    const word = s.slice(pos, end);
    pos = end;
    tokens.push({ kind: KEYWORDS.has(word) ? (word as TokenKind) : 'identifier', text: word });
  }
}
