// Alert templates: the supported subset expands as Prometheus's Go templates do (values from Go's fmt and
// Prometheus's humanize functions), and anything else gets an error naming it.
import { describe, expect, it } from 'vitest';
import { checkTemplate, expandTemplate, TemplateError } from '@core/rules/template';
import { goFormatFloat, goSprintf } from '@core/rules/go-format';

const data = (value: number, labels: Record<string, string> = { instance: 'web-1:9100', job: 'node' }) => ({ labels, externalLabels: { cluster: 'eu' }, externalURL: 'http://prom', value });

describe('alert templates', () => {
  it('$labels, $value, $externalLabels, .Labels and pipelines', () => {
    expect(expandTemplate('{{ $labels.instance }} of {{ .Labels.job }} in {{ $externalLabels.cluster }}: {{ $value }}', data(0.5))).toBe('web-1:9100 of node in eu: 0.5');
    expect(expandTemplate('{{ $labels.instance | toUpper }} {{ "ABC" | toLower }}', data(1))).toBe('WEB-1:9100 abc');
    expect(expandTemplate('{{- " x " -}}  y', data(1))).toBe(' x y');
    expect(expandTemplate('{{ $labels.missing }}|', data(1))).toBe('|');
  });

  it('Go %v of float64: exponent form from 1e+06 and below 1e-04', () => {
    expect([1e6, 123456, 1234567.5, 0.0001, 0.00001, 2, NaN, Infinity, -Infinity].map(goFormatFloat)).toEqual(['1e+06', '123456', '1.2345675e+06', '0.0001', '1e-05', '2', 'NaN', '+Inf', '-Inf']);
  });

  it('humanize, humanizeDuration, humanizePercentage as Prometheus formats them', () => {
    const h = (fn: string, v: number) => expandTemplate(`{{ ${fn} $value }}`, data(v));
    expect([0, 1234, 1234567, 0.00123, 1e-9, 999.9].map((v) => h('humanize', v))).toEqual(['0', '1.234k', '1.235M', '1.23m', '1n', '999.9']);
    expect([0, 0.5, 45.67, 90, 3725, 90061, -90].map((v) => h('humanizeDuration', v))).toEqual(['0s', '500ms', '45.67s', '1m 30s', '1h 2m 5s', '1d 1h 1m 1s', '-1m 30s']);
    expect(h('humanizePercentage', 0.1234567)).toBe('12.35%');
    expect(expandTemplate('{{ "1500" | humanize }}', data(0))).toBe('1.5k');
  });

  it('printf and reReplaceAll', () => {
    expect(expandTemplate('{{ printf "%.2f%% on %s" $value $labels.job }}', data(12.345))).toBe('12.35% on node');
    expect(expandTemplate('{{ reReplaceAll ":[0-9]+$" "" $labels.instance }}', data(1))).toBe('web-1');
    expect(expandTemplate('{{ reReplaceAll "(.*):(.*)" "$2/${1}" $labels.instance }}', data(1))).toBe('9100/web-1');
    expect(goSprintf('%d|%5s|%-4s|%x', [3, 'ab', 'c', 'hi'])).toBe('%!d(float64=3)|   ab|c   |6869');
  });

  it('refuses unsupported actions and functions by name; Go syntax errors as promtool words them', () => {
    expect(() => expandTemplate('{{ if gt $value 1.0 }}high{{ end }}', data(2))).toThrow(/the "if" action, the "end" action are not supported by rrx/);
    expect(() => expandTemplate('{{ query "up" | first | value }}', data(2))).toThrow(TemplateError);
    expect(() => expandTemplate('{{ query "up" }}', data(2))).toThrow(/the function "query" is not supported by rrx/);
    expect(checkTemplate('{{ query "up" }}')).toBeUndefined();
    expect(checkTemplate('{{ nosuch $value }}', '__alert_X')).toBe('template: __alert_X:1: function "nosuch" not defined');
    expect(checkTemplate('{{ $value ')).toMatch(/unclosed action/);
  });
});
