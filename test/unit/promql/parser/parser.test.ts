import { describe, expect, it } from 'vitest';
import {
  allFeatures,
  exprToString,
  exprType,
  parse,
  type Expr,
  type ParserOptions,
} from '../../../../electron/core/promql/parser';

/** The tree as an s-expression, so tests state structure rather than printing. */
function tree(e: Expr): string {
  switch (e.kind) {
    case 'BinaryExpr': {
      const m = e.matching;
      let mods = e.returnBool ? ' bool' : '';
      if (m && (m.on || m.matchingLabels.length)) mods += ` ${m.on ? 'on' : 'ignoring'}(${m.matchingLabels.join(',')})`;
      if (m && m.card !== 'one-to-one' && m.card !== 'many-to-many') mods += ` ${m.card}(${m.include.join(',')})`;
      if (m && (m.fillValues.lhs !== null || m.fillValues.rhs !== null)) {
        mods += ` fill(${m.fillValues.lhs},${m.fillValues.rhs})`;
      }
      return `(${e.op}${mods} ${tree(e.lhs)} ${tree(e.rhs)})`;
    }
    case 'UnaryExpr':
      return `(u${e.op} ${tree(e.expr)})`;
    case 'ParenExpr':
      return `(paren ${tree(e.expr)})`;
    case 'NumberLiteral':
      return String(e.val);
    case 'StringLiteral':
      return JSON.stringify(e.val);
    case 'VectorSelector': {
      let s = e.name || '{}';
      if (e.offsetMs) s += ` offset=${e.offsetMs}`;
      if (e.timestamp !== null) s += ` @${e.timestamp}`;
      if (e.startOrEnd) s += ` @${e.startOrEnd}()`;
      return s;
    }
    case 'MatrixSelector':
      return `(range ${tree(e.vectorSelector)} ${e.rangeMs})`;
    case 'SubqueryExpr':
      return `(subquery ${tree(e.expr)} ${e.rangeMs}:${e.stepMs}${e.offsetMs ? ` offset=${e.offsetMs}` : ''})`;
    case 'Call':
      return `(${e.func.name}${e.args.map((a) => ' ' + tree(a)).join('')})`;
    case 'AggregateExpr':
      return `(${e.op}${e.grouping.length || e.without ? ` ${e.without ? 'without' : 'by'}(${e.grouping.join(',')})` : ''}${
        e.param ? ' ' + tree(e.param) : ''
      } ${tree(e.expr)})`;
    default:
      return exprToString(e);
  }
}

const t = (q: string, opts: ParserOptions = allFeatures): string => tree(parse(q, opts));

describe('operator precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 * 2 + 3', '(+ (* 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['1 / 2 / 3', '(/ (/ 1 2) 3)'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2))'],
    ['2 * 3 ^ 2', '(* 2 (^ 3 2))'],
    ['a % b atan2 c', '(atan2 (% a b) c)'],
    ['a + b atan2 c', '(+ a (atan2 b c))'],
    ['a or b and c', '(or a (and b c))'],
    ['a and b unless c', '(unless (and a b) c)'],
    ['a or b unless c or d', '(or (or a (unless b c)) d)'],
    ['a > b + c', '(> a (+ b c))'],
    ['a == b and c != d', '(and (== a b) (!= c d))'],
    ['a < b or c >= d', '(or (< a b) (>= c d))'],
    ['a + b == c - d', '(== (+ a b) (- c d))'],
  ])('%s', (q, want) => {
    expect(t(q)).toBe(want);
  });

  it('applies unary minus to the whole power, as Prometheus does', () => {
    expect(t('-1^2')).toBe('(u- (^ 1 2))');
    expect(t('-a^2')).toBe('(u- (^ a 2))');
    expect(t('-a * b')).toBe('(* (u- a) b)');
    expect(t('2 ^ -1 ^ 2')).toBe('(^ 2 (u- (^ 1 2)))');
    expect(t('2 ^ -a * b')).toBe('(* (^ 2 (u- a)) b)');
    expect(t('- - 1')).toBe('1');
    expect(t('-(1)')).toBe('(u- (paren 1))');
  });

  it('folds signs into number literals', () => {
    const e = parse('-5');
    expect(e).toMatchObject({ kind: 'NumberLiteral', val: -5, posRange: { start: 0, end: 2 } });
    expect(t('+Inf')).toBe('Infinity');
    expect(t('-Inf')).toBe('-Infinity');
  });
});

describe('the two cases the published lezer grammar mis-nests', () => {
  it('binds offset to the right operand only: a / b offset 5m', () => {
    const e = parse('a / b offset 5m');
    expect(tree(e)).toBe('(/ a b offset=300000)');
    expect(e.kind === 'BinaryExpr' && e.lhs.kind === 'VectorSelector' && e.lhs.offsetMs).toBe(0);
  });

  it('binds a subquery to the right operand only: a / b[1h:5m]', () => {
    // A range vector as an operand is a type error, reported at `b[1h:5m]` (column 5), which shows the nesting.
    expect(() => parse('a / b[1h:5m]')).toThrow(
      '1:5: parse error: binary expression must contain only scalar and instant vector types',
    );
    expect(t('sum_over_time((a / b)[1h:5m])')).toBe('(sum_over_time (subquery (paren (/ a b)) 3600000:300000))');
    expect(t('a / sum_over_time(b[1h:5m])')).toBe('(/ a (sum_over_time (subquery b 3600000:300000)))');
  });

  it('binds @ and offset after a subquery or range to that operand', () => {
    expect(t('a * b @ 10')).toBe('(* a b @10000)');
    expect(t('a - rate(b[5m] offset 1m)')).toBe('(- a (rate (range b offset=60000 300000)))');
  });
});

describe('binary operator modifiers', () => {
  it.each([
    ['a == bool b', '(== bool a b)'],
    ['a + on(x, y) b', '(+ on(x,y) a b)'],
    ['a + ignoring(x) b', '(+ ignoring(x) a b)'],
    ['a * on(x) group_left(y) b', '(* on(x) many-to-one(y) a b)'],
    ['a * ignoring(x) group_right b', '(* ignoring(x) one-to-many() a b)'],
    ['a > bool on() b', '(> bool on() a b)'],
    ['a and on(x) b', '(and on(x) a b)'],
    ['1 == bool 2', '(== bool 1 2)'],
  ])('%s', (q, want) => {
    expect(t(q)).toBe(want);
  });

  it('makes set operations many-to-many and drops matching between scalars', () => {
    const e = parse('a or b');
    expect(e.kind === 'BinaryExpr' && e.matching?.card).toBe('many-to-many');
    const s = parse('a + 1');
    expect(s.kind === 'BinaryExpr' && s.matching).toBeNull();
  });

  it('parses fill modifiers behind their flag', () => {
    const on = { enableBinopFillModifiers: true };
    expect(t('a + fill(0) b', on)).toBe('(+ fill(0,0) a b)');
    expect(t('a + fill_left(1) b', on)).toBe('(+ fill(1,null) a b)');
    expect(t('a + fill_right(-2) b', on)).toBe('(+ fill(null,-2) a b)');
    expect(t('a + on(x) group_left fill_right(7) fill_left(5) b', on)).toBe('(+ on(x) many-to-one() fill(5,7) a b)');
    expect(t('fill + fill', on)).toBe('(+ fill fill)');
    expect(() => parse('a + fill(0) b')).toThrow('1:1: parse error: binop fill modifiers are experimental and not enabled');
  });
});

describe('aggregations', () => {
  it.each([
    ['sum(a)', '(sum a)'],
    ['sum by (x) (a)', '(sum by(x) a)'],
    ['sum(a) by (x, y)', '(sum by(x,y) a)'],
    ['avg without (x) (a)', '(avg without(x) a)'],
    ['max without () (a)', '(max without() a)'],
    ['topk(3, a)', '(topk 3 a)'],
    ['bottomk by (x) (3, a)', '(bottomk by(x) 3 a)'],
    ['quantile(0.9, a)', '(quantile 0.9 a)'],
    ['count_values("v", a)', '(count_values "v" a)'],
    ['limitk(2, a)', '(limitk 2 a)'],
    ['limit_ratio(0.5, a)', '(limit_ratio 0.5 a)'],
    ['group(a) by ("a.b", on)', '(group by(a.b,on) a)'],
    ['stddev(a)', '(stddev a)'],
    ['stdvar(a)', '(stdvar a)'],
    ['min(a)', '(min a)'],
    ['count(a)', '(count a)'],
    ['SUM(a)', '(sum a)'],
  ])('%s', (q, want) => {
    expect(t(q)).toBe(want);
  });

  it('reads aggregation keywords as metric names when no body follows', () => {
    expect(t('sum + count')).toBe('(+ sum count)');
    expect(t('by{x="1"}')).toBe('by');
  });

  it('gates limitk and limit_ratio behind experimental functions', () => {
    expect(() => parse('limitk(2, a)')).toThrow(
      '1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions',
    );
  });
});

describe('selectors', () => {
  it('builds matchers with the __name__ matcher last, as Prometheus does', () => {
    const e = parse('foo{a="b", c!="d", e=~"f.*", g!~"h"}');
    expect(e).toMatchObject({
      kind: 'VectorSelector',
      name: 'foo',
      matchers: [
        { type: '=', name: 'a', value: 'b' },
        { type: '!=', name: 'c', value: 'd' },
        { type: '=~', name: 'e', value: 'f.*' },
        { type: '!~', name: 'g', value: 'h' },
        { type: '=', name: '__name__', value: 'foo' },
      ],
      posRange: { start: 0, end: 36 },
    });
  });

  it('accepts quoted UTF-8 metric and label names', () => {
    const e = parse('{"my.metric", "a.b"="x"}');
    expect(e).toMatchObject({
      name: '',
      matchers: [
        { type: '=', name: '__name__', value: 'my.metric' },
        { type: '=', name: 'a.b', value: 'x' },
      ],
    });
    expect(exprToString(e)).toBe('{"a.b"="x",__name__="my.metric"}');
  });

  it('reads keywords inside braces as label names and metric names with colons', () => {
    expect(parse('a:b:c{by="1", offset="2"}')).toMatchObject({ name: 'a:b:c', matchers: [{ name: 'by' }, { name: 'offset' }, {}] });
  });

  it.each([
    ['foo[5m]', '(range foo 300000)'],
    ['foo[1h30m]', '(range foo 5400000)'],
    ['foo[90]', '(range foo 90000)'],
    ['foo[1.5]', '(range foo 1500)'],
    ['foo offset 5m', 'foo offset=300000'],
    ['foo offset -5m', 'foo offset=-300000'],
    ['foo[5m] offset 1h', '(range foo offset=3600000 300000)'],
    ['foo @ 1609746000', 'foo @1609746000000'],
    ['foo @ -10.5', 'foo @-10500'],
    ['foo @ start()', 'foo @start()'],
    ['foo @ end()', 'foo @end()'],
    ['foo offset 1m @ 100', 'foo offset=60000 @100000'],
    ['foo[1h:5m]', '(subquery foo 3600000:300000)'],
    ['foo[1h:]', '(subquery foo 3600000:0)'],
    ['rate(foo[5m])[30m:1m] offset 10m', '(subquery (rate (range foo 300000)) 1800000:60000 offset=600000)'],
    ['foo[5m:] @ end()', '(subquery foo 300000:0)'],
  ])('%s', (q, want) => {
    expect(t(q)).toBe(want);
  });

  it('keeps @ start()/end() unresolved and the subquery modifiers on the subquery', () => {
    const e = parse('foo[5m:] @ end() offset 1m');
    expect(e).toMatchObject({ kind: 'SubqueryExpr', startOrEnd: 'end', timestamp: null, offsetMs: 60000, stepMs: 0 });
  });

  it('records extended range modifiers on the selector', () => {
    const opts = { enableExtendedRangeSelectors: true };
    expect(parse('rate(foo[5m] anchored)', opts)).toMatchObject({ args: [{ vectorSelector: { anchored: true } }] });
    expect(parse('foo smoothed', opts)).toMatchObject({ smoothed: true });
    expect(() => parse('foo smoothed')).toThrow('1:1: parse error: smoothed modifier is experimental and not enabled');
    expect(() => parse('foo[5m] anchored smoothed', opts)).toThrow('anchored and smoothed modifiers cannot be used together');
  });
});

describe('literals', () => {
  it.each([
    ['0x1f', 31],
    ['0X1F', 31],
    ['1e3', 1000],
    ['1.5e-3', 0.0015],
    ['.5', 0.5],
    ['5.', 5],
    ['010', 8],
    ['1_000', 1000],
    ['Inf', Infinity],
    ['-inf', -Infinity],
    ['1h30m', 5400],
    ['5m', 300],
    ['1ms', 0.001],
  ])('%s', (q, want) => {
    expect(parse(q)).toMatchObject({ kind: 'NumberLiteral', val: want });
  });

  it('reads NaN', () => {
    const e = parse('NaN');
    expect(e.kind === 'NumberLiteral' && Number.isNaN(e.val)).toBe(true);
  });

  it('marks duration literals so they print back as durations', () => {
    expect(parse('1h30m')).toMatchObject({ duration: true });
    expect(exprToString(parse('foo offset 90m'))).toBe('foo offset 1h30m');
    expect(t('round(foo, 5m)')).toBe('(round foo 300)');
  });

  it.each([
    ['"a\\nb"', 'a\nb'],
    ["'it\\'s'", "it's"],
    ['"\\u00e9\\x41\\101"', 'éAA'],
    ['`raw\\n`', 'raw\\n'],
    ['"\\"q\\""', '"q"'],
    ['"日本"', '日本'],
  ])('string %s', (q, want) => {
    expect(parse(q)).toMatchObject({ kind: 'StringLiteral', val: want });
  });

  it('keeps non-UTF-8 escapes as escaped bytes that print back as Go does', () => {
    const e = parse('"a\\xc5z"');
    expect(exprToString(e)).toBe('"a\\xc5z"');
  });

  it('skips comments', () => {
    expect(t('foo # a comment\n + bar # another')).toBe('(+ foo bar)');
  });
});

describe('function calls', () => {
  it('types calls by the signature table', () => {
    expect(exprType(parse('rate(foo[5m])'))).toBe('vector');
    expect(exprType(parse('scalar(foo)'))).toBe('scalar');
    expect(exprType(parse('time()'))).toBe('scalar');
    expect(exprType(parse('foo[5m]'))).toBe('matrix');
    expect(exprType(parse('"s"'))).toBe('string');
    expect(exprType(parse('1 + foo'))).toBe('vector');
    expect(exprType(parse('1 + 2'))).toBe('scalar');
  });

  it('accepts variadic arguments', () => {
    expect(t('label_join(foo, "dst", ",", "a", "b", "c")')).toBe('(label_join foo "dst" "," "a" "b" "c")');
    expect(t('round(foo)')).toBe('(round foo)');
    expect(t('hour()')).toBe('(hour)');
  });

  it('gates experimental functions', () => {
    expect(() => parse('sort_by_label(foo, "a")')).toThrow('1:1: parse error: function "sort_by_label" is not enabled');
    expect(t('sort_by_label(foo, "a")', { enableExperimentalFunctions: true })).toBe('(sort_by_label foo "a")');
  });

  it('marks the label selector of info() so it may match the empty string', () => {
    const e = parse('info(foo, {k8s_cluster_name=~".*"})', allFeatures);
    expect(e).toMatchObject({ kind: 'Call', args: [{}, { bypassEmptyMatcherCheck: true }] });
  });
});

describe('duration expressions', () => {
  const on = { enableDurationExpressions: true, enableExperimentalFunctions: true };
  it.each([
    ['foo[26m+4m]', 'foo[26m + 4m]'],
    ['foo[2m*(10+5)]', 'foo[2m * (10 + 5)]'],
    ['foo[step()]', 'foo[step()]'],
    ['foo[1h:step()*2]', 'foo[1h:step() * 2]'],
    ['foo[min_of(step()+1,1h)]', 'foo[min_of(step() + 1, 1h)]'],
    ['foo offset (1h + 5m)', 'foo offset (1h + 5m)'],
    ['foo offset -step()', 'foo offset -step()'],
    ['foo offset range()', 'foo offset range()'],
  ])('%s', (q, want) => {
    expect(exprToString(parse(q, on))).toBe(want);
  });

  it('lets offset take one signed operand, so what follows is a binary operation', () => {
    expect(t('foo offset 100 + 2', on)).toBe('(+ foo offset=100000 2)');
    expect(t('foo offset 2 ^ 2', on)).toBe('(^ foo offset=2000 2)');
    expect(t('foo offset -2 ^ 2', on)).toBe('(^ foo offset=-2000 2)');
    expect(tree(parse('foo offset -step()*2', on))).toMatch(/^\(\* foo/);
    expect(parse('foo offset (2 ^ 2)', on)).toMatchObject({ offsetExpr: { op: '^', wrapped: true } });
  });

  it('keeps the expression for the engine to evaluate', () => {
    expect(parse('foo[step()+1ms]', on)).toMatchObject({
      kind: 'MatrixSelector',
      rangeMs: 0,
      rangeExpr: { kind: 'DurationExpr', op: '+', lhs: { op: 'step' }, rhs: { kind: 'NumberLiteral', val: 0.001 } },
    });
  });

  it('refuses duration arithmetic unless enabled', () => {
    expect(() => parse('foo[1h+5m]')).toThrow('1:5: parse error: experimental duration expression is not enabled');
    expect(() => parse('foo offset (5m)')).toThrow('1:13: parse error: experimental duration expression is not enabled');
    expect(() => parse('foo[step()]')).toThrow('1:5: parse error: experimental duration expression is not enabled');
    // Plain numbers stay fine without the flag.
    expect(t('foo[1800]')).toBe('(range foo 1800000)');
  });
});

describe('printer', () => {
  it.each([
    ['sum by(a)(rate(foo{x="y"}[5m] offset 1m))', 'sum by (a) (rate(foo{x="y"}[5m] offset 1m))'],
    ['a+on(b)group_left(c)d', 'a + on (b) group_left (c) d'],
    ['foo @ 100', 'foo @ 100.000'],
    ['-foo', '-foo'],
    ['1e-7 + 1e21', '0.0000001 + 1000000000000000000000'],
    ['foo{a="\\n"}', 'foo{a="\\n"}'],
    ['topk(3, foo)', 'topk(3, foo)'],
  ])('%s', (q, want) => {
    expect(exprToString(parse(q))).toBe(want);
  });
});
