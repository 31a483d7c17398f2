// Recursive-descent PromQL parser mirroring Prometheus's generated_parser.y: the same precedence, the same modifier
// binding (offset/@/[...] bind to the nearest operand), the same semantic checks during parsing and the same error
// wording. Type checking runs afterwards (check.ts), only when parsing found no error, as in Prometheus.
import type { LabelMatcher, MatchType } from '../../series/types';
import { compileAnchoredRegex } from '../../series/matcher';
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Call,
  DurationExpr,
  DurationOp,
  Expr,
  MatrixSelector,
  NumberLiteral,
  PositionRange,
  StartOrEnd,
  SubqueryExpr,
  UnaryOp,
  VectorMatching,
  VectorSelector,
} from './ast';
import { ParseError } from './errors';
import { getFunction, type FunctionDef } from './functions';
import { isAggregator, itemDesc, itemTypeStr, Lexer, type Item, type ItemType } from './lexer';
import { parseGoDuration, parseGoNumber } from './numbers';
import type { ParserOptions } from './options';
import { goQuote as goQuoteRaw, isValidUtf8, unquote } from './quote';
import { MAX_EXPR_DEPTH, depthExceededMessage } from './depth';

/** Thrown internally to stop at the first syntax error; the collected errors are turned into a ParseError. */
class Abort extends Error {}

const BIN_LEVEL: Partial<Record<ItemType, number>> = {
  LOR: 1,
  LAND: 2,
  LUNLESS: 2,
  EQLC: 3,
  NEQ: 3,
  LTE: 3,
  LSS: 3,
  GTE: 3,
  GTR: 3,
  TRIM_UPPER: 3,
  TRIM_LOWER: 3,
  ADD: 4,
  SUB: 4,
  MUL: 5,
  DIV: 5,
  MOD: 5,
  ATAN2: 5,
  POW: 6,
};
const POW_LEVEL = 6;

/** Tokens that may name a metric (Prometheus's metric_identifier rule). */
const METRIC_IDENTIFIER_TOKENS = new Set<ItemType>([
  'AVG', 'BOTTOMK', 'BY', 'COUNT', 'COUNT_VALUES', 'FILL', 'FILL_LEFT', 'FILL_RIGHT', 'GROUP', 'IDENTIFIER', 'LAND',
  'LOR', 'LUNLESS', 'MAX', 'METRIC_IDENTIFIER', 'MIN', 'OFFSET', 'QUANTILE', 'STDDEV', 'STDVAR', 'SUM', 'TOPK',
  'WITHOUT', 'START', 'END', 'LIMITK', 'LIMIT_RATIO', 'STEP', 'RANGE', 'ANCHORED', 'SMOOTHED', 'MAX_OF', 'MIN_OF',
]);

/** Tokens that may be a label name in grouping clauses (Prometheus's maybe_label rule). */
const MAYBE_LABEL_TOKENS = new Set<ItemType>([
  'AVG', 'BOOL', 'BOTTOMK', 'BY', 'COUNT', 'COUNT_VALUES', 'GROUP', 'GROUP_LEFT', 'GROUP_RIGHT', 'FILL', 'FILL_LEFT',
  'FILL_RIGHT', 'IDENTIFIER', 'IGNORING', 'LAND', 'LOR', 'LUNLESS', 'MAX', 'METRIC_IDENTIFIER', 'MIN', 'OFFSET', 'ON',
  'QUANTILE', 'STDDEV', 'STDVAR', 'SUM', 'TOPK', 'START', 'END', 'ATAN2', 'LIMITK', 'LIMIT_RATIO', 'STEP', 'RANGE',
  'ANCHORED', 'SMOOTHED', 'MAX_OF', 'MIN_OF',
]);

const MATCH_OPS: Partial<Record<ItemType, MatchType>> = { EQL: '=', NEQ: '!=', EQL_REGEX: '=~', NEQ_REGEX: '!~' };

const AGGREGATORS_WITH_PARAM = new Set<AggregateOp>(['topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);
const EXPERIMENTAL_AGGREGATORS = new Set<AggregateOp>(['limitk', 'limit_ratio']);

/** A duration literal that would overflow Go's time.Duration (int64 nanoseconds). */
const durationOutOfRange = (seconds: number): boolean => seconds > 2 ** 63 / 1e9 || seconds < -(2 ** 63) / 1e9;

/** Seconds (float) → integer milliseconds, rounding the way time.Duration(math.Round(s*1e9)) then /1e6 would. */
const secondsToMs = (s: number): number => Math.round(s * 1000);

interface ErrContext {
  context: string;
  expected: string;
}

export class Parser {
  private readonly lex: Lexer;
  private readonly input: string;
  private readonly opts: ParserOptions;
  /** Lookahead buffer; tok is buf[0]. */
  private readonly buf: Item[] = [];
  private tok!: Item;
  /** End of the latest ) ] } number or duration read, as Prometheus's lastClosing. */
  private lastClosing = 0;
  readonly errors: ParseError[] = [];
  /** Nearest enclosing grammar rule with an error production, for the wording of generic syntax errors. */
  private readonly errContext: ErrContext[] = [];
  /** Nesting of parseExpr calls: bounded so deep parentheses end in a parse error, not a stack overflow. */
  private depth = 0;

  constructor(input: string, opts: ParserOptions) {
    this.input = input;
    this.opts = opts;
    this.lex = new Lexer(input);
  }

  // ---- token plumbing -------------------------------------------------------------------------------------------

  private lexOne(): Item {
    for (;;) {
      const it = this.lex.nextItem();
      if (it.typ !== 'COMMENT') return it;
    }
  }

  private peekAt(n: number): Item {
    while (this.buf.length <= n) this.buf.push(this.lexOne());
    return this.buf[n];
  }

  /** Make the next token current (Prometheus's Lex): lexer errors end the parse here. */
  private advance(): Item {
    const prev = this.tok;
    this.buf.shift();
    this.tok = this.peekAt(0);
    const t = this.tok;
    if (t.typ === 'ERROR') {
      this.errors.push(new ParseError(this.input, { start: t.pos, end: this.input.length }, t.val));
      throw new Abort();
    }
    if (
      t.typ === 'RIGHT_BRACE' ||
      t.typ === 'RIGHT_PAREN' ||
      t.typ === 'RIGHT_BRACKET' ||
      t.typ === 'DURATION' ||
      t.typ === 'NUMBER'
    ) {
      this.lastClosing = t.pos + t.val.length;
    }
    return prev;
  }

  private start(): void {
    this.buf.push(this.lexOne());
    this.buf.unshift({ typ: 'EOF', pos: 0, val: '' });
    this.advance();
  }

  private addErr(range: PositionRange, msg: string): void {
    this.errors.push(new ParseError(this.input, range, msg));
  }

  private itemRange(i: Item): PositionRange {
    return { start: i.pos, end: i.pos + i.val.length };
  }

  /** Prometheus's unexpected(): a syntax error about the current token; ends the parse. */
  private unexpected(context = '', expected = ''): never {
    let msg = 'unexpected ' + itemDesc(this.tok);
    if (context) msg += ' in ' + context;
    if (expected) msg += ', expected ' + expected;
    this.errors.push(new ParseError(this.input, this.itemRange(this.tok), msg));
    throw new Abort();
  }

  /** A syntax error where no specific rule applies: worded by the nearest enclosing error production. */
  private unexpectedHere(): never {
    const ctx = this.errContext[this.errContext.length - 1];
    return ctx ? this.unexpected(ctx.context, ctx.expected) : this.unexpected();
  }

  private withContext<T>(ctx: ErrContext | null, f: () => T): T {
    if (!ctx) return f();
    this.errContext.push(ctx);
    try {
      return f();
    } finally {
      this.errContext.pop();
    }
  }

  /** Whether the current token has type t (a method, so TypeScript does not narrow across advance()). */
  private at(t: ItemType): boolean {
    return this.tok.typ === t;
  }

  private expect(t: ItemType): Item {
    if (this.tok.typ !== t) this.unexpectedHere();
    return this.advance();
  }

  // ---- entry -----------------------------------------------------------------------------------------------------

  /** Parse the whole input; returns null when an error was recorded (see `errors`). */
  parseExpression(): Expr | null {
    try {
      this.start();
      if (this.at('EOF')) {
        this.addErr({ start: 0, end: 0 }, 'no expression found in input');
        return null;
      }
      const e = this.parseExpr(0);
      if (!this.at('EOF')) this.unexpected();
      return this.errors.length ? null : e;
    } catch (e) {
      if (e instanceof Abort) return null;
      throw e;
    }
  }

  // ---- expressions -----------------------------------------------------------------------------------------------

  private parseExpr(minLevel: number): Expr {
    if (++this.depth > MAX_EXPR_DEPTH) {
      this.addErr(this.itemRange(this.tok), depthExceededMessage());
      throw new Abort();
    }
    try {
      let lhs = this.parseUnary();
      for (;;) {
        const level = BIN_LEVEL[this.tok.typ];
        if (level === undefined || level < minLevel) return lhs;
        const opItem = this.advance();
        const matching = this.parseBinModifiers();
        const rhs = this.parseExpr(opItem.typ === 'POW' ? level : level + 1);
        lhs = this.newBinaryExpr(lhs, opItem, matching, rhs);
      }
    } finally {
      this.depth--;
    }
  }

  private parseBinModifiers(): { matching: VectorMatching; returnBool: boolean } {
    const matching: VectorMatching = {
      card: 'one-to-one',
      matchingLabels: [],
      on: false,
      include: [],
      fillValues: { lhs: null, rhs: null },
    };
    let returnBool = false;
    if (this.at('BOOL')) {
      this.advance();
      returnBool = true;
    }
    if (this.at('ON') || this.at('IGNORING')) {
      matching.on = this.advance().typ === 'ON';
      matching.matchingLabels = this.parseGroupingLabels();
      if (this.at('GROUP_LEFT') || this.at('GROUP_RIGHT')) {
        matching.card = this.advance().typ === 'GROUP_LEFT' ? 'many-to-one' : 'one-to-many';
        if (this.at('LEFT_PAREN')) matching.include = this.parseGroupingLabels();
      }
    }
    const fill = this.tok.typ;
    if (fill === 'FILL') {
      this.advance();
      const v = this.parseFillValue();
      matching.fillValues = { lhs: v, rhs: v };
    } else if (fill === 'FILL_LEFT' || fill === 'FILL_RIGHT') {
      this.advance();
      const first = this.parseFillValue();
      const other: ItemType = fill === 'FILL_LEFT' ? 'FILL_RIGHT' : 'FILL_LEFT';
      let second: number | null = null;
      if (this.tok.typ === other) {
        this.advance();
        second = this.parseFillValue();
      }
      matching.fillValues = fill === 'FILL_LEFT' ? { lhs: first, rhs: second } : { lhs: second, rhs: first };
    }
    return { matching, returnBool };
  }

  private parseFillValue(): number {
    this.expect('LEFT_PAREN');
    let sign = 1;
    if (this.at('ADD') || this.at('SUB')) {
      if (this.advance().typ === 'SUB') sign = -1;
    }
    if (!this.at('NUMBER') && !this.at('DURATION')) this.unexpectedHere();
    const v = this.numberLiteral().val * sign;
    this.expect('RIGHT_PAREN');
    return v;
  }

  private newBinaryExpr(
    lhs: Expr,
    op: Item,
    mods: { matching: VectorMatching; returnBool: boolean },
    rhs: Expr,
  ): BinaryExpr {
    const e: BinaryExpr = {
      kind: 'BinaryExpr',
      op: itemTypeStr(op.typ) as BinaryOp,
      lhs,
      rhs,
      matching: mods.matching,
      returnBool: mods.returnBool,
      posRange: { start: lhs.posRange.start, end: rhs.posRange.end },
    };
    const fv = mods.matching.fillValues;
    if (!this.opts.enableBinopFillModifiers && (fv.lhs !== null || fv.rhs !== null)) {
      this.addErr(e.posRange, 'binop fill modifiers are experimental and not enabled');
    }
    return e;
  }

  private parseUnary(): Expr {
    if (this.at('ADD') || this.at('SUB')) {
      const op = this.advance();
      // Unary operators bind like multiplication: `-a^b` is `-(a^b)`, `-a*b` is `(-a)*b`.
      const operand = this.parseExpr(POW_LEVEL);
      if (operand.kind === 'NumberLiteral') {
        if (op.typ === 'SUB') operand.val *= -1;
        operand.posRange = { start: op.pos, end: operand.posRange.end };
        return operand;
      }
      return {
        kind: 'UnaryExpr',
        op: itemTypeStr(op.typ) as UnaryOp,
        expr: operand,
        posRange: { start: op.pos, end: operand.posRange.end },
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const t = this.tok;
    const next = (): ItemType => this.peekAt(1).typ;
    switch (t.typ) {
      case 'NUMBER':
      case 'DURATION':
        return this.numberLiteral();
      case 'STRING': {
        this.advance();
        return { kind: 'StringLiteral', val: this.unquoteString(t), posRange: this.itemRange(t) };
      }
      case 'LEFT_PAREN': {
        this.advance();
        const inner = this.withContext(null, () => this.parseExpr(0));
        const close = this.expect('RIGHT_PAREN');
        return { kind: 'ParenExpr', expr: inner, posRange: { start: t.pos, end: close.pos + 1 } };
      }
      case 'LEFT_BRACE':
        return this.vectorSelector(null);
      case 'IDENTIFIER':
        if (next() === 'LEFT_PAREN') return this.functionCall();
        return this.vectorSelector(t);
      case 'START':
      case 'END':
      case 'STEP':
      case 'RANGE':
      case 'MAX_OF':
      case 'MIN_OF':
        if (next() === 'LEFT_PAREN') return this.functionCall();
        return this.vectorSelector(t);
    }
    if (isAggregator(t.typ)) {
      const n = next();
      if (n === 'LEFT_PAREN' || n === 'BY' || n === 'WITHOUT') return this.aggregateExpr();
    }
    if (METRIC_IDENTIFIER_TOKENS.has(t.typ)) return this.vectorSelector(t);
    return this.unexpectedHere();
  }

  private numberLiteral(): NumberLiteral {
    const t = this.advance();
    const range = this.itemRange(t);
    if (t.typ === 'DURATION') {
      let ms = 0;
      try {
        ms = parseGoDuration(t.val);
      } catch (e) {
        this.addErr(range, (e as Error).message);
      }
      return { kind: 'NumberLiteral', val: ms / 1000, duration: true, posRange: range };
    }
    let val = 0;
    try {
      val = parseGoNumber(t.val);
    } catch (e) {
      this.addErr(range, `error parsing number: ${(e as Error).message}`);
    }
    return { kind: 'NumberLiteral', val, duration: false, posRange: range };
  }

  private unquoteString(t: Item): string {
    try {
      return unquote(t.val);
    } catch (e) {
      this.addErr(this.itemRange(this.tok), `error unquoting string ${goQuoteRaw(t.val)}: ${(e as Error).message}`);
      return '';
    }
  }

  // ---- function calls and aggregations ---------------------------------------------------------------------------

  private functionCall(): Call {
    const name = this.advance();
    const range = this.itemRange(name);
    let fn: FunctionDef | undefined = getFunction(name.val, this.opts.prometheus2Functions);
    if (!fn) {
      this.addErr(range, `unknown function with name ${goQuoteRaw(name.val)}`);
      fn = { name: name.val, argTypes: [], variadic: 0, returnType: 'none', experimental: false };
    } else if (fn.experimental && !this.opts.enableExperimentalFunctions) {
      this.addErr(range, `function ${goQuoteRaw(name.val)} is not enabled`);
    }
    const args = this.callBody();
    return { kind: 'Call', func: fn, args, posRange: { start: name.pos, end: this.lastClosing } };
  }

  /** `( args )`; returns the arguments. lastClosing is the closing paren afterwards. */
  private callBody(): Expr[] {
    this.expect('LEFT_PAREN');
    const args: Expr[] = [];
    if (this.at('RIGHT_PAREN')) {
      this.advance();
      return args;
    }
    args.push(this.parseExpr(0));
    while (this.at('COMMA')) {
      const comma = this.advance();
      if (this.at('RIGHT_PAREN')) {
        this.addErr(this.itemRange(comma), 'trailing commas not allowed in function call args');
        break;
      }
      args.push(this.parseExpr(0));
    }
    this.expect('RIGHT_PAREN');
    return args;
  }

  private aggregateExpr(): AggregateExpr {
    const opItem = this.advance();
    const op = opItem.val.toLowerCase() as AggregateOp;
    let grouping: string[] = [];
    let without = false;
    let args: Expr[] = [];
    const modifierFirst = this.at('BY') || this.at('WITHOUT');
    this.withContext({ context: 'aggregation', expected: '' }, () => {
      if (modifierFirst) {
        without = this.advance().typ === 'WITHOUT';
        grouping = this.parseGroupingLabels();
        if (!this.at('LEFT_PAREN')) this.unexpectedHere();
        args = this.callBody();
      } else {
        args = this.callBody();
      }
    });
    let end = this.lastClosing;
    if (!modifierFirst && (this.at('BY') || this.at('WITHOUT'))) {
      without = this.advance().typ === 'WITHOUT';
      grouping = this.parseGroupingLabels();
      end = this.lastClosing;
    }
    const e: AggregateExpr = {
      kind: 'AggregateExpr',
      op,
      expr: args[args.length - 1] as Expr,
      param: null,
      grouping,
      without,
      posRange: { start: opItem.pos, end },
    };
    if (args.length === 0) {
      this.addErr(e.posRange, 'no arguments for aggregate expression provided');
      return e;
    }
    let desired = 1;
    if (AGGREGATORS_WITH_PARAM.has(op)) {
      if (!this.opts.enableExperimentalFunctions && EXPERIMENTAL_AGGREGATORS.has(op)) {
        this.addErr(
          e.posRange,
          `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`,
        );
        return e;
      }
      desired = 2;
      e.param = args[0];
    }
    if (args.length !== desired) {
      this.addErr(
        e.posRange,
        `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`,
      );
      return e;
    }
    e.expr = args[desired - 1];
    return e;
  }

  private parseGroupingLabels(): string[] {
    if (!this.at('LEFT_PAREN')) this.unexpected('grouping opts', '"("');
    this.advance();
    const labels: string[] = [];
    if (this.at('RIGHT_PAREN')) {
      this.advance();
      return labels;
    }
    for (;;) {
      const t = this.tok;
      if (MAYBE_LABEL_TOKENS.has(t.typ)) {
        this.advance();
        if (!isValidLabelName(t.val)) this.addErr(this.itemRange(t), `invalid label name for grouping: ${goQuoteRaw(t.val)}`);
        labels.push(t.val);
      } else if (t.typ === 'STRING') {
        this.advance();
        const name = this.unquoteString(t);
        if (!isValidLabelName(name)) this.addErr(this.itemRange(t), `invalid label name for grouping: ${goQuoteRaw(name)}`);
        labels.push(name);
      } else {
        this.unexpected('grouping opts', 'label');
      }
      if (this.at('COMMA')) {
        this.advance();
        if (this.at('RIGHT_PAREN')) break;
        continue;
      }
      if (this.at('RIGHT_PAREN')) break;
      this.unexpected('grouping opts', '"," or ")"');
    }
    this.advance();
    return labels;
  }

  // ---- selectors -------------------------------------------------------------------------------------------------

  private vectorSelector(nameItem: Item | null): VectorSelector {
    let name = '';
    let start: number;
    if (nameItem) {
      this.advance();
      name = nameItem.val;
      start = nameItem.pos;
    } else start = this.tok.pos;
    let matchers: LabelMatcher[] = [];
    let end = nameItem ? nameItem.pos + nameItem.val.length : start;
    if (this.at('LEFT_BRACE')) {
      matchers = this.labelMatchers();
      end = this.lastClosing;
    }
    if (name !== '') matchers.push({ type: '=', name: '__name__', value: name });
    return {
      kind: 'VectorSelector',
      name,
      matchers,
      offsetMs: 0,
      offsetExpr: null,
      timestamp: null,
      startOrEnd: null,
      anchored: false,
      smoothed: false,
      bypassEmptyMatcherCheck: false,
      posRange: { start, end },
    };
  }

  private labelMatchers(): LabelMatcher[] {
    this.advance(); // {
    const out: LabelMatcher[] = [];
    if (this.at('RIGHT_BRACE')) {
      this.advance();
      return out;
    }
    for (;;) {
      const t = this.tok;
      if (t.typ === 'IDENTIFIER' || t.typ === 'STRING') {
        this.advance();
        const name = t.typ === 'STRING' ? this.unquoteString(t) : t.val;
        const op = MATCH_OPS[this.tok.typ];
        if (op) {
          this.advance();
          if (!this.at('STRING')) this.unexpected('label matching', 'string');
          const v = this.advance();
          out.push(this.newLabelMatcher(op, name, t, v));
        } else if (t.typ === 'STRING') {
          out.push({ type: '=', name: '__name__', value: name });
        } else {
          this.unexpected('label matching', 'label matching operator');
        }
      } else {
        this.unexpected('label matching', 'identifier or "}"');
      }
      if (this.at('COMMA')) {
        this.advance();
        if (this.at('RIGHT_BRACE')) break;
        continue;
      }
      if (this.at('RIGHT_BRACE')) break;
      this.unexpected('label matching', '"," or "}"');
    }
    this.advance();
    return out;
  }

  private newLabelMatcher(type: MatchType, name: string, label: Item, value: Item): LabelMatcher {
    const val = this.unquoteString(value);
    if (type === '=~' || type === '!~') {
      try {
        // Validation only. RE2's inline flag groups ((?i), (?i:…)) are not JS syntax on every engine we run on,
        // so they are reduced to plain groups here; compiling the real matcher is the series layer's job.
        compileAnchoredRegex(val.replace(/\(\?[imsU-]+\)/g, '').replace(/\(\?[imsU-]+:/g, '(?:'));
      } catch (e) {
        // Go words it `error parsing regexp: missing closing ): `(``; JS only offers its own reason.
        const reason = (e as Error).message.split(': ').pop()!.toLowerCase();
        this.addErr({ start: label.pos, end: value.pos + value.val.length }, `error parsing regexp: ${reason}: \`${val}\``);
      }
    }
    return { type, name, value: val };
  }

  // ---- postfix modifiers -----------------------------------------------------------------------------------------

  private parsePostfix(e: Expr): Expr {
    for (;;) {
      switch (this.tok.typ) {
        case 'LEFT_BRACKET':
          e = this.rangeOrSubquery(e);
          break;
        case 'OFFSET':
          e = this.offsetModifier(e);
          break;
        case 'AT':
          e = this.atModifier(e);
          break;
        case 'ANCHORED':
        case 'SMOOTHED':
          this.extendedRangeModifier(e, this.advance());
          break;
        default:
          return e;
      }
    }
  }

  private rangeOrSubquery(e: Expr): Expr {
    const open = this.advance();
    if (!this.startsDurationExpr()) {
      this.unexpected('subquery or range selector', 'number, duration, step(), or range()');
    }
    const range = this.withContext(
      { context: 'subquery or range selector', expected: 'number, duration, step(), or range()' },
      () => this.positiveDurationExpr(),
    );
    if (this.at('RIGHT_BRACKET')) {
      const close = this.advance();
      return this.newMatrixSelector(e, open, range, close);
    }
    if (!this.at('COLON')) this.unexpected('subquery or range', '":" or "]"');
    this.advance();
    let step: Expr | null = null;
    if (!this.at('RIGHT_BRACKET')) {
      if (!this.startsDurationExpr()) {
        this.unexpected('subquery selector', 'number, duration, step(), range(), or "]"');
      }
      step = this.withContext({ context: 'subquery selector', expected: '"]"' }, () => this.positiveDurationExpr());
      if (!this.at('RIGHT_BRACKET')) this.unexpected('subquery selector', '"]"');
    }
    const close = this.advance();
    const sq: SubqueryExpr = {
      kind: 'SubqueryExpr',
      expr: e,
      rangeMs: range.kind === 'NumberLiteral' ? secondsToMs(range.val) : 0,
      rangeExpr: range.kind === 'DurationExpr' ? range : null,
      stepMs: step && step.kind === 'NumberLiteral' ? secondsToMs(step.val) : 0,
      stepExpr: step && step.kind === 'DurationExpr' ? step : null,
      offsetMs: 0,
      offsetExpr: null,
      timestamp: null,
      startOrEnd: null,
      posRange: { start: e.posRange.start, end: close.pos + 1 },
    };
    return sq;
  }

  private newMatrixSelector(e: Expr, open: Item, range: NumberLiteral | DurationExpr, close: Item): MatrixSelector {
    let errMsg = '';
    if (e.kind !== 'VectorSelector') errMsg = 'ranges only allowed for vector selectors';
    else if (e.offsetMs !== 0 || e.offsetExpr !== null) errMsg = 'no offset modifiers allowed before range';
    else if (e.timestamp !== null || e.startOrEnd !== null) errMsg = 'no @ modifiers allowed before range';
    if (errMsg) this.addErr({ start: open.pos, end: close.pos + 1 }, errMsg);
    return {
      kind: 'MatrixSelector',
      vectorSelector: e as VectorSelector,
      rangeMs: range.kind === 'NumberLiteral' ? secondsToMs(range.val) : 0,
      rangeExpr: range.kind === 'DurationExpr' ? range : null,
      posRange: { start: e.posRange.start, end: this.lastClosing },
    };
  }

  private offsetModifier(e: Expr): Expr {
    this.advance();
    const d = this.offsetDurationExpr();
    const target = this.modifierTarget(
      e,
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
    if (!target) return e;
    if (target.offsetMs !== 0 || target.offsetExpr !== null) {
      this.addErr(e.posRange, 'offset may not be set multiple times');
    } else if (d.kind === 'NumberLiteral') {
      target.offsetMs = secondsToMs(d.val);
    } else {
      target.offsetExpr = d;
    }
    this.setEnd(e, this.lastClosing);
    return e;
  }

  private atModifier(e: Expr): Expr {
    this.advance();
    let ts: number | null = null;
    let startOrEnd: StartOrEnd | null = null;
    const t = this.tok;
    if (t.typ === 'NUMBER' || t.typ === 'DURATION') {
      ts = this.numberLiteral().val;
    } else if ((t.typ === 'ADD' || t.typ === 'SUB') && ['NUMBER', 'DURATION'].includes(this.peekAt(1).typ)) {
      this.advance();
      ts = this.numberLiteral().val * (t.typ === 'SUB' ? -1 : 1);
    } else if (t.typ === 'START' || t.typ === 'END') {
      this.advance();
      if (!this.at('LEFT_PAREN')) this.unexpected('@', 'timestamp');
      this.advance();
      if (!this.at('RIGHT_PAREN')) this.unexpected('@', 'timestamp');
      this.advance();
      startOrEnd = t.typ === 'START' ? 'start' : 'end';
    } else {
      this.unexpected('@', 'timestamp');
    }
    if (ts !== null && (!Number.isFinite(ts) || ts >= 2 ** 63 || ts <= -(2 ** 63))) {
      this.addErr(e.posRange, `timestamp out of bounds for @ modifier: ${goFormatF(ts)}`);
    }
    const target = this.modifierTarget(
      e,
      '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    );
    if (!target) return e;
    if (target.timestamp !== null || target.startOrEnd !== null) {
      this.addErr(e.posRange, '@ <timestamp> may not be set multiple times');
      return e;
    }
    if (ts !== null) target.timestamp = Math.round(ts * 1000);
    else target.startOrEnd = startOrEnd;
    this.setEnd(e, this.lastClosing);
    return e;
  }

  /** The node that carries offset/@ for e (the inner selector of a matrix selector), or null after an error. */
  private modifierTarget(e: Expr, wrongKindMsg: string): VectorSelector | SubqueryExpr | null {
    switch (e.kind) {
      case 'VectorSelector':
      case 'SubqueryExpr':
        return e;
      case 'MatrixSelector':
        if (e.vectorSelector.kind !== 'VectorSelector') {
          this.addErr(e.posRange, 'ranges only allowed for vector selectors');
          return null;
        }
        return e.vectorSelector;
      default:
        this.addErr(e.posRange, wrongKindMsg);
        return null;
    }
  }

  private setEnd(e: Expr, end: number): void {
    e.posRange = { start: e.posRange.start, end };
  }

  private extendedRangeModifier(e: Expr, kw: Item): void {
    const which = kw.typ === 'ANCHORED' ? 'anchored' : 'smoothed';
    const other = which === 'anchored' ? 'smoothed' : 'anchored';
    if (!this.opts.enableExtendedRangeSelectors) {
      this.addErr(e.posRange, `${which} modifier is experimental and not enabled`);
      return;
    }
    let vs: VectorSelector;
    if (e.kind === 'VectorSelector') vs = e;
    else if (e.kind === 'MatrixSelector') {
      if (e.vectorSelector.kind !== 'VectorSelector') return;
      vs = e.vectorSelector;
    } else if (e.kind === 'SubqueryExpr') {
      this.addErr(e.posRange, `${which} modifier is not supported for subqueries`);
      return;
    } else {
      this.addErr(e.posRange, `${which} modifier not implemented`);
      return;
    }
    vs[which] = true;
    if (vs[other]) this.addErr(e.posRange, 'anchored and smoothed modifiers cannot be used together');
  }

  // ---- duration expressions --------------------------------------------------------------------------------------

  private startsDurationExpr(): boolean {
    switch (this.tok.typ) {
      case 'NUMBER':
      case 'DURATION':
      case 'ADD':
      case 'SUB':
      case 'LEFT_PAREN':
      case 'STEP':
      case 'RANGE':
      case 'MAX_OF':
      case 'MIN_OF':
        return true;
    }
    return false;
  }

  private experimentalDurationExpr(e: Expr): void {
    if (!this.opts.enableDurationExpressions) {
      this.addErr(e.posRange, 'experimental duration expression is not enabled');
    }
  }

  private positiveDurationExpr(): NumberLiteral | DurationExpr {
    const d = this.durationExpr(0);
    if (d.kind === 'NumberLiteral' && d.val <= 0) {
      this.addErr(d.posRange, 'duration must be greater than 0');
      return { ...d, val: 0 };
    }
    return d;
  }

  private durationLiteral(): NumberLiteral {
    const nl = this.numberLiteral();
    if (durationOutOfRange(nl.val)) {
      this.addErr(nl.posRange, 'duration out of range');
      return { ...nl, val: 0 };
    }
    return nl;
  }

  /** Duration arithmetic with PromQL's precedences: + - < * / % < ^ (right), unary binding like *. */
  private durationExpr(minLevel: number): NumberLiteral | DurationExpr {
    let lhs = this.durationUnary();
    for (;;) {
      const t = this.tok.typ;
      const level = t === 'ADD' || t === 'SUB' ? 4 : t === 'MUL' || t === 'DIV' || t === 'MOD' ? 5 : t === 'POW' ? 6 : 0;
      if (level === 0 || level < minLevel) return lhs;
      const op = this.advance();
      const rhs = this.durationExpr(t === 'POW' ? level : level + 1);
      this.experimentalDurationExpr(lhs);
      if ((t === 'DIV' || t === 'MOD') && rhs.kind === 'NumberLiteral' && rhs.val === 0) {
        this.addErr(this.itemRange(op), t === 'DIV' ? 'division by zero' : 'modulo by zero');
        lhs = { kind: 'NumberLiteral', val: 0, duration: false, posRange: { start: lhs.posRange.start, end: rhs.posRange.end } };
        continue;
      }
      lhs = newDurationExpr(itemTypeStr(t) as DurationOp, lhs, rhs, lhs.posRange.start, rhs.posRange.end);
    }
  }

  private durationUnary(): NumberLiteral | DurationExpr {
    if (this.at('ADD') || this.at('SUB')) {
      const op = this.advance();
      return this.applyUnaryToDuration(op, this.durationExpr(POW_LEVEL), false);
    }
    return this.durationPrimary(true);
  }

  /** number | step() | range() | min_of/max_of(a, b) | ( expr ). */
  private durationPrimary(allowParen: boolean): NumberLiteral | DurationExpr {
    const t = this.tok;
    switch (t.typ) {
      case 'NUMBER':
      case 'DURATION':
        return this.durationLiteral();
      case 'STEP':
      case 'RANGE': {
        this.advance();
        this.expect('LEFT_PAREN');
        const close = this.expect('RIGHT_PAREN');
        const de = newDurationExpr(t.typ === 'STEP' ? 'step' : 'range', null, null, t.pos, close.pos + 1);
        this.experimentalDurationExpr(de);
        return de;
      }
      case 'MAX_OF':
      case 'MIN_OF': {
        this.advance();
        this.expect('LEFT_PAREN');
        const a = this.durationExpr(0);
        this.expect('COMMA');
        const b = this.durationExpr(0);
        const close = this.expect('RIGHT_PAREN');
        const de = newDurationExpr(t.typ === 'MAX_OF' ? 'max_of' : 'min_of', a, b, t.pos, close.pos + 1);
        this.experimentalDurationExpr(de);
        return de;
      }
      case 'LEFT_PAREN':
        if (allowParen) {
          this.advance();
          const inner = this.durationExpr(0);
          const close = this.expect('RIGHT_PAREN');
          this.experimentalDurationExpr(inner);
          return wrapParen(inner, t.pos, close.pos + 1);
        }
    }
    return this.unexpectedHere();
  }

  private applyUnaryToDuration(op: Item, e: NumberLiteral | DurationExpr, wrapped: boolean): NumberLiteral | DurationExpr {
    if (wrapped) e = wrapParen(e, e.posRange.start, e.posRange.end);
    if (e.kind === 'DurationExpr') {
      if (op.typ === 'SUB') return newDurationExpr('-', null, e, op.pos, e.posRange.end);
      return e;
    }
    const val = op.typ === 'SUB' ? -e.val : e.val;
    if (durationOutOfRange(val)) {
      this.addErr(this.itemRange(op), 'duration out of range');
      return { kind: 'NumberLiteral', val: 0, duration: false, posRange: e.posRange };
    }
    return { ...e, val, posRange: { start: op.pos, end: e.posRange.end } };
  }

  /**
   * The operand of `offset`: one signed atom (number, duration, step(), range(), min_of/max_of(...), or a
   * parenthesised duration expression), so `foo offset 1m + 2` is `(foo offset 1m) + 2`.
   */
  private offsetDurationExpr(): NumberLiteral | DurationExpr {
    const expected = { context: 'offset', expected: 'number, duration, step(), or range()' };
    let op: Item | null = null;
    if (this.at('ADD') || this.at('SUB')) op = this.advance();
    const t = this.tok;
    switch (t.typ) {
      case 'NUMBER':
      case 'DURATION': {
        const nl = this.numberLiteral();
        const val = op?.typ === 'SUB' ? -nl.val : nl.val;
        if (durationOutOfRange(val)) {
          this.addErr(op ? this.itemRange(op) : nl.posRange, 'duration out of range');
          return { ...nl, val: 0 };
        }
        return { ...nl, val, posRange: { start: op ? op.pos : nl.posRange.start, end: nl.posRange.end } };
      }
      case 'STEP':
      case 'RANGE':
      case 'MAX_OF':
      case 'MIN_OF': {
        if (t.typ === 'STEP' || t.typ === 'RANGE') {
          if (this.peekAt(1).typ !== 'LEFT_PAREN') break;
        }
        const inner = this.withContext(expected, () => this.durationPrimary(false));
        if (!op) return inner;
        const de = newDurationExpr(op.typ === 'SUB' ? '-' : '+', null, inner, op.pos, inner.posRange.end);
        if (t.typ === 'STEP' || t.typ === 'RANGE') this.experimentalDurationExpr(de);
        return de;
      }
      case 'LEFT_PAREN': {
        this.advance();
        const inner = this.withContext(expected, () => this.durationExpr(0));
        const close = this.withContext(expected, () => this.expect('RIGHT_PAREN'));
        if (op) return this.applyUnaryToDuration(op, inner, true);
        this.experimentalDurationExpr(inner);
        return wrapParen(inner, t.pos, close.pos + 1);
      }
    }
    return this.unexpected(expected.context, expected.expected);
  }
}

function newDurationExpr(
  op: DurationOp,
  lhs: Expr | null,
  rhs: Expr | null,
  start: number,
  end: number,
): DurationExpr {
  return { kind: 'DurationExpr', op, lhs, rhs, wrapped: false, posRange: { start, end } };
}

/** Mark a duration expression as parenthesised; a bare literal becomes unary plus so it prints back with parens. */
function wrapParen(e: NumberLiteral | DurationExpr, start: number, end: number): DurationExpr {
  if (e.kind === 'DurationExpr') {
    e.wrapped = true;
    return e;
  }
  return { kind: 'DurationExpr', op: '+', lhs: null, rhs: e, wrapped: true, posRange: { start, end } };
}

/** Prometheus 3 validates label names as UTF-8: any non-empty valid string. */
function isValidLabelName(s: string): boolean {
  return s.length > 0 && isValidUtf8(s);
}

/** Go's %f: six decimals, "+Inf", "-Inf", "NaN". */
function goFormatF(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return v.toFixed(6);
}
