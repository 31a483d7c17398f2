// One replica's bench data as OpenMetrics text (the input of `promtool tsdb create-blocks-from openmetrics`),
// written straight to a file in large pieces so 10 000 series × 6 h never sit in memory as one string.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Family } from './series-model';

const FLUSH_CHARS = 4 << 20;

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

/** Write every family sampled at `times` (unix ms) to `file`; returns the number of samples written. */
export function writeOpenMetrics(file: string, families: readonly Family[], times: Float64Array): number {
  const fd = openSync(file, 'w');
  // Timestamps are seconds with millisecond decimals; formatted once, reused by every series.
  const ts = Array.from(times, (t) => (t / 1000).toFixed(3));
  let buf: string[] = [];
  let chars = 0;
  let samples = 0;
  const flush = (): void => {
    writeSync(fd, buf.join(''));
    buf = [];
    chars = 0;
  };
  try {
    for (const f of families) {
      buf.push(`# TYPE ${f.name} ${f.type}\n`);
      for (const s of f.series) {
        const prefix = `${s.name}{${labelText(s.labels)}} `;
        for (let i = 0; i < times.length; i++) {
          const line = `${prefix}${s.value(times[i])} ${ts[i]}\n`;
          buf.push(line);
          chars += line.length;
        }
        samples += times.length;
        if (chars > FLUSH_CHARS) flush();
      }
    }
    buf.push('# EOF\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return samples;
}
