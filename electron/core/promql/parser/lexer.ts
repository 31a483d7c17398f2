// The PromQL lexer: a port of Prometheus's promql/parser/lex.go state machine (series descriptions left out), so
// tokens, their boundaries and lexer error texts match Prometheus's. It never interprets tokens beyond their type.
import { goQuote, goQuoteRune, goQuoteTruncated, goUnicode } from './quote';

export type ItemType =
  // Punctuation and literals.
  | 'EOF'
  | 'ERROR'
  | 'COMMENT'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'EQL'
  | 'COLON'
  | 'COMMA'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  // Operators.
  | 'ADD'
  | 'SUB'
  | 'MUL'
  | 'DIV'
  | 'MOD'
  | 'POW'
  | 'EQLC'
  | 'NEQ'
  | 'LTE'
  | 'LSS'
  | 'GTE'
  | 'GTR'
  | 'TRIM_UPPER'
  | 'TRIM_LOWER'
  | 'EQL_REGEX'
  | 'NEQ_REGEX'
  | 'AT'
  | 'LAND'
  | 'LOR'
  | 'LUNLESS'
  | 'ATAN2'
  // Aggregators.
  | 'AVG'
  | 'BOTTOMK'
  | 'COUNT'
  | 'COUNT_VALUES'
  | 'GROUP'
  | 'MAX'
  | 'MIN'
  | 'QUANTILE'
  | 'STDDEV'
  | 'STDVAR'
  | 'SUM'
  | 'TOPK'
  | 'LIMITK'
  | 'LIMIT_RATIO'
  // Keywords.
  | 'BOOL'
  | 'BY'
  | 'GROUP_LEFT'
  | 'GROUP_RIGHT'
  | 'FILL'
  | 'FILL_LEFT'
  | 'FILL_RIGHT'
  | 'IGNORING'
  | 'OFFSET'
  | 'SMOOTHED'
  | 'ANCHORED'
  | 'ON'
  | 'WITHOUT'
  // Preprocessors.
  | 'START'
  | 'END'
  | 'STEP'
  | 'RANGE'
  | 'MAX_OF'
  | 'MIN_OF';

export interface Item {
  typ: ItemType;
  /** UTF-16 offset of the first character. */
  pos: number;
  /** The token text as written (for ERROR: the error message). */
  val: string;
}

const OPERATORS = new Set<ItemType>([
  'ADD', 'DIV', 'EQLC', 'EQL_REGEX', 'GTE', 'GTR', 'TRIM_UPPER', 'TRIM_LOWER', 'LAND', 'LOR', 'LSS', 'LTE',
  'LUNLESS', 'MOD', 'MUL', 'NEQ', 'NEQ_REGEX', 'POW', 'SUB', 'AT', 'ATAN2',
]);
const AGGREGATORS = new Set<ItemType>([
  'AVG', 'BOTTOMK', 'COUNT', 'COUNT_VALUES', 'GROUP', 'MAX', 'MIN', 'QUANTILE', 'STDDEV', 'STDVAR', 'SUM', 'TOPK',
  'LIMITK', 'LIMIT_RATIO',
]);
const KEYWORDS = new Set<ItemType>([
  'BOOL', 'BY', 'GROUP_LEFT', 'GROUP_RIGHT', 'FILL', 'FILL_LEFT', 'FILL_RIGHT', 'IGNORING', 'OFFSET', 'SMOOTHED',
  'ANCHORED', 'ON', 'WITHOUT',
]);

export const isOperator = (t: ItemType): boolean => OPERATORS.has(t);
export const isAggregator = (t: ItemType): boolean => AGGREGATORS.has(t);
export const isKeyword = (t: ItemType): boolean => KEYWORDS.has(t);

/** Keywords by lower-case spelling (Prometheus's `key` map); `inf` and `nan` lex as numbers. */
const KEY: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['and', 'LAND'], ['or', 'LOR'], ['unless', 'LUNLESS'], ['atan2', 'ATAN2'],
  ['sum', 'SUM'], ['avg', 'AVG'], ['count', 'COUNT'], ['min', 'MIN'], ['max', 'MAX'], ['group', 'GROUP'],
  ['stddev', 'STDDEV'], ['stdvar', 'STDVAR'], ['topk', 'TOPK'], ['bottomk', 'BOTTOMK'],
  ['count_values', 'COUNT_VALUES'], ['quantile', 'QUANTILE'], ['limitk', 'LIMITK'], ['limit_ratio', 'LIMIT_RATIO'],
  ['offset', 'OFFSET'], ['smoothed', 'SMOOTHED'], ['anchored', 'ANCHORED'], ['by', 'BY'], ['without', 'WITHOUT'],
  ['on', 'ON'], ['ignoring', 'IGNORING'], ['group_left', 'GROUP_LEFT'], ['group_right', 'GROUP_RIGHT'],
  ['fill', 'FILL'], ['fill_left', 'FILL_LEFT'], ['fill_right', 'FILL_RIGHT'], ['bool', 'BOOL'],
  ['start', 'START'], ['end', 'END'], ['step', 'STEP'], ['range', 'RANGE'], ['max_of', 'MAX_OF'], ['min_of', 'MIN_OF'],
  ['inf', 'NUMBER'], ['nan', 'NUMBER'],
]);

/** Fixed spellings of item types (Prometheus's ItemTypeStr); only these print as bare `"x"` in errors. */
const ITEM_TYPE_STR = new Map<ItemType, string>([
  ['LEFT_PAREN', '('], ['RIGHT_PAREN', ')'], ['LEFT_BRACE', '{'], ['RIGHT_BRACE', '}'], ['LEFT_BRACKET', '['],
  ['RIGHT_BRACKET', ']'], ['COMMA', ','], ['EQL', '='], ['COLON', ':'],
  ['SUB', '-'], ['ADD', '+'], ['MUL', '*'], ['MOD', '%'], ['DIV', '/'], ['EQLC', '=='], ['NEQ', '!='], ['LTE', '<='],
  ['LSS', '<'], ['GTE', '>='], ['GTR', '>'], ['TRIM_UPPER', '</'], ['TRIM_LOWER', '>/'], ['EQL_REGEX', '=~'],
  ['NEQ_REGEX', '!~'], ['POW', '^'], ['AT', '@'],
]);
for (const [word, typ] of KEY) if (typ !== 'NUMBER') ITEM_TYPE_STR.set(typ, word);

/** The canonical spelling of an operator/keyword item type (`ADD` → `+`, `SUM` → `sum`). */
export function itemTypeStr(t: ItemType): string {
  return ITEM_TYPE_STR.get(t) ?? t;
}

/** Prometheus's Item.String(). */
export function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'ERROR') return i.val;
  if (i.typ === 'IDENTIFIER' || i.typ === 'METRIC_IDENTIFIER') return goQuote(i.val);
  // Preprocessor tokens (start, end, step, …) are not keywords in Prometheus's item ranges, so they print quoted.
  if (isKeyword(i.typ)) return `<${i.val}>`;
  if (isOperator(i.typ)) return `<op:${i.val}>`;
  if (isAggregator(i.typ)) return `<aggr:${i.val}>`;
  if (Array.from(i.val).length > 10) return goQuoteTruncated(i.val, 10) + '...';
  return goQuote(i.val);
}

const TYPE_DESC: Partial<Record<ItemType, string>> = {
  ERROR: 'error',
  EOF: 'end of input',
  COMMENT: 'comment',
  IDENTIFIER: 'identifier',
  METRIC_IDENTIFIER: 'metric identifier',
  STRING: 'string',
  NUMBER: 'number',
  DURATION: 'duration',
};

/** Prometheus's Item.desc(): how an unexpected item is named in "unexpected …" errors. */
export function itemDesc(i: Item): string {
  if (ITEM_TYPE_STR.has(i.typ)) return itemString(i);
  if (i.typ === 'EOF') return 'end of input';
  return `${TYPE_DESC[i.typ] ?? goQuote(i.typ)} ${itemString(i)}`;
}

const EOF = -1;

const isSpace = (r: number): boolean => r === 0x20 || r === 0x09 || r === 0x0a || r === 0x0d;
const isEndOfLine = (r: number): boolean => r === 0x0d || r === 0x0a;
const isDigit = (r: number): boolean => r >= 0x30 && r <= 0x39;
const isAlpha = (r: number): boolean => r === 0x5f || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a);
const isAlphaNumeric = (r: number): boolean => isAlpha(r) || isDigit(r);
const ch = (s: string): number => s.charCodeAt(0);

const DURATION_KEYWORDS = new Map<string, ItemType>([
  ['step', 'STEP'],
  ['range', 'RANGE'],
  ['max_of', 'MAX_OF'],
  ['min_of', 'MIN_OF'],
]);
const isDurationKeywordStartChar = (r: number): boolean => {
  const c = String.fromCodePoint(r).toLowerCase();
  return c === 's' || c === 'r' || c === 'm';
};

type StateFn = (l: Lexer) => StateFn | null;

export class Lexer {
  readonly input: string;
  private state: StateFn | null = lexStatements;
  pos = 0;
  start = 0;
  private width = 0;
  private item: Item | null = null;

  parenDepth = 0;
  braceOpen = false;
  bracketOpen = false;
  gotColon = false;
  gotDuration = false;
  stringOpen = 0;

  constructor(input: string) {
    this.input = input;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    this.pos -= this.width;
  }

  emit(t: ItemType): void {
    this.item = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos) };
    this.start = this.pos;
  }

  ignore(): void {
    this.start = this.pos;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  is(valid: string): boolean {
    const r = this.peek();
    return r !== EOF && valid.includes(String.fromCodePoint(r));
  }

  acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // consume
    }
  }

  errorf(msg: string): null {
    this.item = { typ: 'ERROR', pos: this.start, val: msg };
    return null;
  }

  /** The next item; EOF forever once the input (or an error) has ended the scan. */
  nextItem(): Item {
    this.item = null;
    let state = this.state;
    while (this.item === null) {
      if (state === null) {
        this.emit('EOF');
        break;
      }
      state = state(this);
    }
    this.state = state;
    const it = this.item as unknown as Item;
    return it;
  }

  scanNumber(): boolean {
    const initialPos = this.pos;
    let digitPattern = '0123456789';
    if (this.accept('0')) {
      if (this.accept('xX')) {
        this.accept('_');
        digitPattern = '0123456789abcdefABCDEF';
      }
    }
    this.accept('.');
    this.accept(digitPattern);
    let dotConsumed = false;
    let exponentConsumed = false;
    while (this.is(digitPattern + '._eE')) {
      if (this.is('.') && dotConsumed) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exponentConsumed) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dotConsumed = true;
        if (this.accept('_.')) return false;
        if (digitPattern.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exponentConsumed = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      this.acceptRun(digitPattern);
    }
    if (this.pos === initialPos) return false;
    return !isAlphaNumeric(this.peek());
  }

  scanDurationKeyword(): boolean {
    for (;;) {
      const r = this.next();
      if (isAlpha(r)) continue;
      this.backup();
      const tok = DURATION_KEYWORDS.get(this.input.slice(this.start, this.pos).toLowerCase());
      if (tok) {
        this.emit(tok);
        return true;
      }
      return false;
    }
  }

  peekFollowedByLeftParen(): boolean {
    for (let p = this.pos; p < this.input.length; p++) {
      const r = this.input.charCodeAt(p);
      if (!isSpace(r)) return r === ch('(');
    }
    return false;
  }
}

/** One-character tokens lexed alike in statements and in duration expressions. */
const SIMPLE_TOKENS = new Map<number, ItemType>([
  [ch(','), 'COMMA'],
  [ch('*'), 'MUL'],
  [ch('/'), 'DIV'],
  [ch('%'), 'MOD'],
  [ch('+'), 'ADD'],
  [ch('-'), 'SUB'],
  [ch('^'), 'POW'],
]);

/** ( and ) in statements and duration expressions alike; an unbalanced ')' ends the scan. */
function emitParen(l: Lexer, r: number, then: StateFn): StateFn | null {
  if (r === ch('(')) {
    l.emit('LEFT_PAREN');
    l.parenDepth++;
    return then;
  }
  l.emit('RIGHT_PAREN');
  l.parenDepth--;
  return l.parenDepth < 0 ? l.errorf(`unexpected right parenthesis ${goQuoteRune(r)}`) : then;
}

/** Quotes open a string in statements and inside braces alike; backquotes make it raw. */
function openString(l: Lexer, quote: number): StateFn {
  l.stringOpen = quote;
  return quote === ch('`') ? lexRawString : lexString;
}

function lexStatements(l: Lexer): StateFn | null {
  if (l.braceOpen) return lexInsideBraces;
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = l.next();
  if (r === EOF) {
    if (l.parenDepth !== 0) return l.errorf('unclosed left parenthesis');
    if (l.bracketOpen) return l.errorf('unclosed left bracket');
    l.emit('EOF');
    return null;
  }
  const simple = SIMPLE_TOKENS.get(r);
  if (simple) {
    l.emit(simple);
    return lexStatements;
  }
  switch (r) {
    case ch('='): {
      const t = l.peek();
      if (t === ch('=')) {
        l.next();
        l.emit('EQLC');
      } else if (t === ch('~')) {
        return l.errorf(`unexpected character after '=': ${goQuoteRune(t)}`);
      } else {
        l.emit('EQL');
      }
      return lexStatements;
    }
    case ch('!'): {
      const t = l.next();
      if (t !== ch('=')) return l.errorf(`unexpected character after '!': ${goQuoteRune(t)}`);
      l.emit('NEQ');
      return lexStatements;
    }
    case ch('<'):
    case ch('>'): {
      // `<=`, `</` (trim upper), `<`; `>=`, `>/` (trim lower), `>`.
      const lt = r === ch('<');
      const t = l.peek();
      if (t === ch('=')) {
        l.next();
        l.emit(lt ? 'LTE' : 'GTE');
      } else if (t === ch('/')) {
        l.next();
        l.emit(lt ? 'TRIM_UPPER' : 'TRIM_LOWER');
      } else l.emit(lt ? 'LSS' : 'GTR');
      return lexStatements;
    }
    case ch('"'):
    case ch("'"):
    case ch('`'):
      return openString(l, r);
    case ch('('):
    case ch(')'):
      return emitParen(l, r, lexStatements);
    case ch('{'):
      l.emit('LEFT_BRACE');
      l.braceOpen = true;
      return lexInsideBraces;
    case ch('['):
      if (l.bracketOpen) return l.errorf(`unexpected left bracket ${goQuoteRune(r)}`);
      l.gotColon = false;
      l.emit('LEFT_BRACKET');
      while (isSpace(l.peek())) l.next();
      l.ignore();
      l.bracketOpen = true;
      return lexDurationExpr;
    case ch(']'):
      if (!l.bracketOpen) return l.errorf(`unexpected right bracket ${goQuoteRune(r)}`);
      l.emit('RIGHT_BRACKET');
      l.bracketOpen = false;
      return lexStatements;
    case ch('@'):
      l.emit('AT');
      return lexStatements;
  }
  if (isSpace(r)) return lexSpace;
  if (isDigit(r) || (r === ch('.') && isDigit(l.peek()))) {
    l.backup();
    return lexNumberOrDuration;
  }
  if (isAlpha(r) || r === ch(':')) {
    if (!l.bracketOpen) {
      l.backup();
      return lexKeywordOrIdentifier;
    }
    if (r === ch(':')) {
      if (l.gotColon) return l.errorf(`unexpected colon ${goQuoteRune(r)}`);
      l.emit('COLON');
      l.gotColon = true;
      return lexStatements;
    }
    if (isDurationKeywordStartChar(r) && l.scanDurationKeyword()) return lexStatements;
    return l.errorf(`unexpected character: ${goQuoteRune(r)}, expected ${goQuoteRune(ch(':'))}`);
  }
  return l.errorf(`unexpected character: ${goQuoteRune(r)}`);
}

function lexInsideBraces(l: Lexer): StateFn | null {
  if (l.input.startsWith('#', l.pos)) return lexLineComment;
  const r = l.next();
  if (r === EOF) return l.errorf('unexpected end of input inside braces');
  if (isSpace(r)) return lexSpace;
  if (isAlpha(r)) {
    l.backup();
    return lexIdentifier;
  }
  switch (r) {
    case ch(','):
      l.emit('COMMA');
      return lexInsideBraces;
    case ch('"'):
    case ch("'"):
    case ch('`'):
      return openString(l, r);
    case ch('='):
      if (l.next() === ch('~')) {
        l.emit('EQL_REGEX');
        return lexInsideBraces;
      }
      l.backup();
      l.emit('EQL');
      return lexInsideBraces;
    case ch('!'): {
      const nr = l.next();
      if (nr === ch('~')) l.emit('NEQ_REGEX');
      else if (nr === ch('=')) l.emit('NEQ');
      else return l.errorf(`unexpected character after '!' inside braces: ${goQuoteRune(nr)}`);
      return lexInsideBraces;
    }
    case ch('{'):
      return l.errorf(`unexpected left brace ${goQuoteRune(r)}`);
    case ch('}'):
      l.emit('RIGHT_BRACE');
      l.braceOpen = false;
      return lexStatements;
  }
  return l.errorf(`unexpected character inside braces: ${goQuoteRune(r)}`);
}

function lexEscape(l: Lexer): StateFn | null {
  let c = l.next();
  let n: number;
  let base: number;
  let max: number;
  switch (c) {
    case ch('a'):
    case ch('b'):
    case ch('f'):
    case ch('n'):
    case ch('r'):
    case ch('t'):
    case ch('v'):
    case ch('\\'):
    case l.stringOpen:
      return lexString;
    case ch('x'):
      c = l.next();
      [n, base, max] = [2, 16, 255];
      break;
    case ch('u'):
      c = l.next();
      [n, base, max] = [4, 16, 0x10ffff];
      break;
    case ch('U'):
      c = l.next();
      [n, base, max] = [8, 16, 0x10ffff];
      break;
    case EOF:
      return l.errorf('escape sequence not terminated');
    default:
      if (c >= ch('0') && c <= ch('7')) {
        [n, base, max] = [3, 8, 255];
        break;
      }
      return l.errorf(`unknown escape sequence ${goUnicode(c)}`);
  }
  let x = 0;
  while (n > 0) {
    const d = digitVal(c);
    if (d >= base) {
      if (c === EOF) return l.errorf('escape sequence not terminated');
      return l.errorf(`illegal character ${goUnicode(c)} in escape sequence`);
    }
    x = x * base + d;
    n--;
    if (n > 0) c = l.next();
  }
  if (x > max || (x >= 0xd800 && x < 0xe000)) return l.errorf('escape sequence is an invalid Unicode code point');
  return lexString;
}

function digitVal(c: number): number {
  if (c >= ch('0') && c <= ch('9')) return c - ch('0');
  if (c >= ch('a') && c <= ch('f')) return c - ch('a') + 10;
  if (c >= ch('A') && c <= ch('F')) return c - ch('A') + 10;
  return 16;
}

/**
 * What Go's lexer sees as utf8.RuneError inside a string: a lone surrogate (no UTF-8 form) or U+FFFD, which is
 * what invalid bytes in a URL or body decode to (Go rejects a literal U+FFFD the same way).
 */
const isRuneError = (r: number): boolean => (r >= 0xd800 && r <= 0xdfff) || r === 0xfffd;

function lexString(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === ch('\\')) return lexEscape;
    if (isRuneError(r)) return l.errorf('invalid UTF-8 rune');
    if (r === EOF || r === ch('\n')) return l.errorf('unterminated quoted string');
    if (r === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexRawString(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (isRuneError(r)) return l.errorf('invalid UTF-8 rune');
    if (r === EOF) return l.errorf('unterminated raw string');
    if (r === l.stringOpen) break;
  }
  l.emit('STRING');
  return lexStatements;
}

function lexSpace(l: Lexer): StateFn {
  while (isSpace(l.peek())) l.next();
  l.ignore();
  return lexStatements;
}

function lexLineComment(l: Lexer): StateFn {
  l.pos += 1;
  let r = l.next();
  while (!isEndOfLine(r) && r !== EOF) r = l.next();
  l.backup();
  l.emit('COMMENT');
  return lexStatements;
}

function lexNumberOrDuration(l: Lexer): StateFn | null {
  if (l.scanNumber()) {
    l.emit('NUMBER');
    return lexStatements;
  }
  if (acceptRemainingDuration(l)) {
    l.backup();
    l.emit('DURATION');
    return lexStatements;
  }
  return l.errorf(`bad number or duration syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
}

function acceptRemainingDuration(l: Lexer): boolean {
  if (!l.accept('smhdwy')) return false;
  l.accept('s');
  while (l.accept('0123456789')) {
    while (l.accept('0123456789')) {
      // consume
    }
    if (!l.accept('smhdw')) return false;
    l.accept('s');
  }
  return !isAlphaNumeric(l.next());
}

function lexIdentifier(l: Lexer): StateFn {
  while (isAlphaNumeric(l.next())) {
    // absorb
  }
  l.backup();
  l.emit('IDENTIFIER');
  return lexInsideBraces;
}

function lexKeywordOrIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r) || r === ch(':')) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    const kw = KEY.get(word.toLowerCase());
    if (kw !== undefined) {
      // fill/fill_left/fill_right are keywords only before '(' so they stay usable as metric names.
      if ((kw === 'FILL' || kw === 'FILL_LEFT' || kw === 'FILL_RIGHT') && !l.peekFollowedByLeftParen()) {
        l.emit('IDENTIFIER');
      } else l.emit(kw);
    } else if (!word.includes(':')) l.emit('IDENTIFIER');
    else l.emit('METRIC_IDENTIFIER');
    return lexStatements;
  }
}

function lexDurationExpr(l: Lexer): StateFn | null {
  const r = l.next();
  const simple = SIMPLE_TOKENS.get(r);
  if (simple) {
    l.emit(simple);
    return lexDurationExpr;
  }
  switch (r) {
    case EOF:
      return l.errorf('unexpected end of input in duration expression');
    case ch(']'):
      l.emit('RIGHT_BRACKET');
      l.bracketOpen = false;
      l.gotColon = false;
      return lexStatements;
    case ch(':'):
      l.emit('COLON');
      if (!l.gotDuration) return l.errorf('unexpected colon before duration in duration expression');
      if (l.gotColon) return l.errorf('unexpected repeated colon in duration expression');
      l.gotColon = true;
      return lexDurationExpr;
    case ch('('):
    case ch(')'):
      return emitParen(l, r, lexDurationExpr);
  }
  if (isSpace(r)) {
    while (isSpace(l.peek())) l.next();
    l.ignore();
    return lexDurationExpr;
  }
  if (r !== EOF && isDurationKeywordStartChar(r)) {
    if (l.scanDurationKeyword()) return lexDurationExpr;
    return l.errorf(`unexpected character in duration expression: ${goQuoteRune(r)}`);
  }
  if (isDigit(r) || (r === ch('.') && isDigit(l.peek()))) {
    l.backup();
    l.gotDuration = true;
    return lexNumberOrDuration;
  }
  return l.errorf(`unexpected character in duration expression: ${goQuoteRune(r)}`);
}
