import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allFeatures, exprToString, parse, ParseError, type ParserOptions } from '../../../../electron/core/promql/parser';
import { prometheusErrorCases } from './prometheus-error-cases';
import { prometheusPrinterCases } from './prometheus-printer-cases';

function parseError(q: string, opts: ParserOptions = allFeatures): ParseError {
  try {
    parse(q, opts);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(q)} to fail`);
}

describe("Prometheus's own parse_test.go error expectations", () => {
  // The options Prometheus's TestParseExpressions runs with.
  const opts = { enableExperimentalFunctions: true, enableDurationExpressions: true, enableExtendedRangeSelectors: true };
  it.each(prometheusErrorCases)('%j fails at %i with %j', (q, start, msg) => {
    const e = parseError(q, opts);
    expect(e.detail).toBe(msg);
    expect(e.positionRange.start).toBe(start);
  });
});

describe("Prometheus's own printer_test.go round trips", () => {
  const opts = { enableDurationExpressions: true, enableExtendedRangeSelectors: true, enableBinopFillModifiers: true };
  it.each(prometheusPrinterCases)('%s', (q, out) => {
    expect(exprToString(parse(q, opts))).toBe(out);
  });
});

describe('error messages with line and column', () => {
  it.each([
    ['1+', '1:3: parse error: unexpected end of input'],
    ['*1', '1:1: parse error: unexpected <op:*>'],
    ['foo + ', '1:7: parse error: unexpected end of input'],
    ['sum(foo) by', '1:12: parse error: unexpected end of input in grouping opts, expected "("'],
    ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
    ['rate(foo[5m]', '1:13: parse error: unclosed left parenthesis'],
    ['foo[5m', '1:7: parse error: unclosed left bracket'],
    ['foo[', '1:5: parse error: unexpected end of input in duration expression'],
    ['foo bar', '1:5: parse error: unexpected identifier "bar"'],
    ['foo{a="b"} offset', '1:18: parse error: unexpected end of input in offset, expected number, duration, step(), or range()'],
    ['sum(foo bar)', '1:9: parse error: unexpected identifier "bar" in aggregation'],
    ['foo[5m:1m:]', '1:10: parse error: unexpected colon \':\''],
    ['foo @ bar', '1:7: parse error: unexpected identifier "bar" in @, expected timestamp'],
    ['rate(foo[5m]) +\n  bar baz', '2:7: parse error: unexpected identifier "baz"'],
    ['sum(\n  rate(foo[5m])\n) by (a.b)', '3:8: parse error: unexpected character: \'.\''],
    ['foo{a="b"}\n# comment\n+ 1 2', '3:5: parse error: unexpected number "2"'],
    ['"日本" + ', '1:12: parse error: unexpected end of input'],
    ['foo{a=~"("}', '1:5: parse error: error parsing regexp: unterminated group: `(`'],
  ])('%j', (q, msg) => {
    expect(() => parse(q)).toThrow(msg);
  });

  it('accepts RE2 inline flags in regex matchers', () => {
    expect(() => parse('foo{a=~"(?i)prod", b!~"x(?i:y)z"}')).not.toThrow();
  });

  it('exposes the position as line, column and range', () => {
    const e = parseError('foo +\n  * bar');
    expect(e).toMatchObject({ line: 2, column: 3, positionRange: { start: 8, end: 9 }, detail: 'unexpected <op:*>' });
    expect(e.message).toBe('2:3: parse error: unexpected <op:*>');
    expect(e.errors).toHaveLength(1);
  });
});

describe('type checking', () => {
  it.each([
    ['rate(foo)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['abs(foo[5m])', '1:5: parse error: expected type instant vector in call to function "abs", got range vector'],
    ['sum(foo[5m])', '1:5: parse error: expected type instant vector in aggregation expression, got range vector'],
    ['topk("a", foo)', '1:6: parse error: expected type scalar in aggregation parameter, got string'],
    ['foo[5m] + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['"a" + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['{a=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['1 and 2', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['foo + bool bar', '1:5: parse error: bool modifier can only be used on comparison operators'],
    ['foo or on(a) group_left bar', '1:1: parse error: no grouping allowed for "or" operation'],
    ['foo * on(a) group_left(a) bar', '1:5: parse error: label "a" must not occur in ON and GROUP clause at once'],
    ['foo[5m][1h:]', '1:1: parse error: subquery is only allowed on instant vector, got matrix instead'],
    ['-"a"', '1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"'],
    ['label_join(foo)', '1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 1'],
    ['round(foo, 1, 2)', '1:1: parse error: expected at most 2 argument(s) in call to "round", got 3'],
    ['vector()', '1:1: parse error: expected 1 argument(s) in call to "vector", got 0'],
    ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
    ['1 + on(a) foo', '1:1: parse error: vector matching only allowed between instant vectors'],
  ])('%j', (q, msg) => {
    expect(() => parse(q, allFeatures)).toThrow(msg);
  });

  it('collects every type error, first one in the message', () => {
    const e = parseError('rate(foo) + abs(bar[5m])');
    expect(e.errors.map((x) => x.detail)).toEqual([
      'expected type range vector in call to function "rate", got instant vector',
      'expected type instant vector in call to function "abs", got range vector',
    ]);
  });
});

describe('the conformance scripts', () => {
  const dir = fileURLToPath(new URL('../../../../../shared/promql-testdata/', import.meta.url));
  const present = existsSync(dir);
  it.skipIf(!present)('parse every eval expression with all features on', () => {
    const failures: string[] = [];
    let count = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.test'))) {
      const lines = readFileSync(dir + f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = /^\s*eval(?:_\w+)?\s+(?:instant\s+at\s+\S+|range\s+from\s+\S+\s+to\s+\S+\s+step\s+\S+)\s+(.*)$/.exec(line);
        if (!m) return;
        count++;
        try {
          parse(m[1], allFeatures);
        } catch (e) {
          failures.push(`${f}:${i + 1}: ${(e as Error).message}`);
        }
      });
    }
    expect(count).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  });
});
