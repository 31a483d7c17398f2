// The run as one markdown document: queries against Prometheus with the ratios, micro-benchmarks and the renderer,
// each number beside its goal. Printed to the terminal and written to bench/LATEST.md.
import type { AppBenchRound } from '../renderer/app-bench';
import type { BenchRun } from './result';
import { GOALS, mark } from './goals';
import { median } from './stats';

const ms = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const x = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`);
const mps = (v: number): string => `${(v / 1e6).toFixed(1)} M/s`;

function clusterSection(run: BenchRun): string[] {
  const out: string[] = [];
  for (const c of run.cluster) {
    const d = c.data;
    out.push(
      `### Queries: ${d.series.toLocaleString('en')} series × ${c.hours} h at 15 s, 2 replicas (B has a ${Math.round((d.gap.endMs - d.gap.startMs) / 60_000)} min gap)`,
      '',
      `Range ${c.hours} h, step ${c.stepMs / 1000} s; median of ${run.args.runs} runs after one warm-up. rrx cold = \`node bin/rrx.mjs query\` as a new process; ` +
        'rrx warm = readForQuery + evaluateSnapshot in the bench process (no cache); 9090 = Prometheus with remote_read to both collectors; ' +
        'local = collector A answering from its own TSDB; rrx pushdown = --mode pushdown in the bench process (each collector\'s own engine; "merged: local" ' +
        'when the pushdown rules do not call the query exact, so the merged view is evaluated locally after the nodes answered). Prometheus times include its JSON encoding and transfer; rrx warm does not.',
      '',
      `| query | kind | series | rrx cold ms | rrx warm ms | rrx pushdown ms (merged) | 9090 ms | local ms | warm ÷ 9090 (≤ ${GOALS.vs9090.max}) | warm ÷ local (≤ ${GOALS.vsLocal.max}) | cold ÷ 9090 | cold ÷ local |`,
      '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const r of c.rows) {
      const m = r.methods;
      const err = Object.entries(m).filter(([, v]) => v?.error).map(([k, v]) => `${k}: ${v!.error}`);
      out.push(
        `| \`${r.query.expr}\` | ${r.query.kind} | ${m.rrxWarm?.series ?? m.seed9090?.series ?? '—'}${r.shapeMismatch ? ' ⚠' : ''} | ${ms(m.rrxCold?.medianMs)} | ${ms(m.rrxWarm?.medianMs)} | ${ms(m.rrxPushdown?.medianMs)} (${m.rrxPushdown?.merged ?? '—'}) | ${ms(m.seed9090?.medianMs)} | ${ms(m.local?.medianMs)} | ` +
          `${x(r.warmVs9090)} ${mark(r.warmVs9090, GOALS.vs9090)} | ${x(r.warmVsLocal)} ${mark(r.warmVsLocal, GOALS.vsLocal)} | ${x(r.coldVs9090)} ${mark(r.coldVs9090, GOALS.vs9090)} | ${x(r.coldVsLocal)} ${mark(r.coldVsLocal, GOALS.vsLocal)} |`,
      );
      for (const e of err) out.push(`|  | error | ${e.replace(/\|/g, '\\|').replace(/\n/g, ' ')} ||||||||||`);
    }
    const med = (k: 'warmVs9090' | 'warmVsLocal' | 'coldVs9090' | 'coldVsLocal'): string => x(median(c.rows.map((r) => r[k]).filter((v): v is number => v !== undefined)));
    out.push(`| **median ratio** | | | | | | | | **${med('warmVs9090')}** | **${med('warmVsLocal')}** | **${med('coldVs9090')}** | **${med('coldVsLocal')}** |`, '');
    const profiled = c.rows.filter((r) => r.methods.rrxWarm?.profile);
    if (profiled.length) {
      const nodeNames = profiled[0].methods.rrxWarm!.profile!.nodes.map((n) => n.node);
      out.push(
        'Where rrx warm\'s time goes (median per stage; first-time reads, no cache): per node the wait for its answer (read time minus decoding; headers = until the response headers) and the decoding; ' +
          'then merge, evaluation, and encoding the Prometheus JSON answer (profiled beside the warm total, not part of it).',
        '',
        `| query | ${nodeNames.map((n) => `${n} wait ms (headers) | ${n} decode ms`).join(' | ')} | merge ms | eval ms | encode ms | answer |`,
        `|---|${nodeNames.map(() => '--:|--:').join('|')}|--:|--:|--:|--:|`,
      );
      for (const r of profiled) {
        const p = r.methods.rrxWarm!.profile!;
        const cells = p.nodes.map((n) => `${ms(n.waitMs)} (${ms(n.headersMs)}) | ${ms(n.decodeMs)}`).join(' | ');
        out.push(`| ${r.query.id} | ${cells} | ${ms(p.mergeMs)} | ${ms(p.evalMs)} | ${ms(p.encodeMs)} | ${(p.answerBytes / 1e6).toFixed(2)} MB |`);
      }
      out.push('');
    }
    if (c.pushdownRows?.length) {
      out.push(
        'Pushdown on queries the pushdown rules call exact (docs/pushdown.md): the merged view is the max/min of the collectors\' own answers. ' +
          'First-time queries (no raw-read cache); delegate = the whole query to the 9090 through rrx. "= 9090": every timed answer equalled the 9090\'s, value by value.',
        '',
        '| query | series | rrx warm (local) ms | rrx pushdown ms (merged) | rrx delegate ms | 9090 ms | pushdown ÷ warm | pushdown ÷ 9090 | pushdown = 9090 | delegate = 9090 |',
        '|---|--:|--:|--:|--:|--:|--:|--:|---|---|',
      );
      for (const r of c.pushdownRows) {
        const m = r.methods;
        const check = (c: string | undefined): string => (c === undefined ? '—' : c === 'equal' ? 'yes' : c.replace(/\|/g, '/'));
        out.push(`| \`${r.query.expr}\` | ${m.rrxPushdown?.series ?? '—'}${r.shapeMismatch ? ' ⚠' : ''} | ${ms(m.rrxWarm?.medianMs)} | ${ms(m.rrxPushdown?.medianMs)} (${m.rrxPushdown?.merged ?? m.rrxPushdown?.error ?? '—'}) | ${ms(m.rrxDelegate?.medianMs)} | ${ms(m.seed9090?.medianMs)} | ${x(r.pushdownVsWarm)} | ${x(r.pushdownVs9090)} | ${check(m.rrxPushdown?.check)} | ${check(m.rrxDelegate?.check)} |`);
      }
      out.push('');
    }
    const mism = c.rows.filter((r) => r.shapeMismatch);
    if (mism.length) out.push(`⚠ result shapes differ: ${mism.map((r) => `${r.query.id} (${r.shapeMismatch})`).join('; ')}`, '');
    if (c.heldMemory) {
      const h = c.heldMemory;
      out.push(
        `Held memory after reading every series of collector A over remote_read (${h.series.toLocaleString('en')} series, ${h.samples.toLocaleString('en')} samples): ` +
          `**${h.heldBytesPerSample.toFixed(1)} bytes/sample** measured (heap + array buffers after GC; goal ≤ ${GOALS.heldBytes.max} ${mark(h.heldBytesPerSample, GOALS.heldBytes)}), ${h.arrayBytesPerSample.toFixed(1)} of them in typed arrays.`,
        '',
      );
    }
    if (c.serveApi) {
      out.push(`rrx serve-api vs 9090 over HTTP (same client, no raw-read cache): median ratio **${x(c.serveApi.medianRatio)}**`, '');
      out.push('| query | serve-api ms | 9090 ms | ratio |', '|---|--:|--:|--:|');
      for (const r of c.serveApi.rows) out.push(`| ${r.id} | ${ms(r.rrxMs)} | ${ms(r.prometheusMs)} | ${r.error ? `error: ${r.error}` : x(r.ratio)} |`);
      out.push('');
    }
  }
  return out;
}

function microSection(run: BenchRun): string[] {
  const m = run.micro;
  if (!m) return [];
  const out = ['### Micro-benchmarks (one core, in memory)', '', '| measure | value | goal |', '|---|--:|---|'];
  out.push(`| XOR chunk decode | ${mps(m.decode.xorSamplesPerSec)} | ${GOALS.decode.text} ${mark(m.decode.xorSamplesPerSec, GOALS.decode)} |`);
  out.push(`| framed stream decode (frames → CRC → protobuf → XOR → typed arrays) | ${mps(m.decode.streamSamplesPerSec)} | |`);
  out.push(`| typed-array bytes per decoded sample | ${m.decode.heldBytesPerSample.toFixed(1)} | ${GOALS.heldBytes.text} ${mark(m.decode.heldBytesPerSample, GOALS.heldBytes)} |`);
  out.push(`| wire bytes per sample (streamed chunks) | ${m.decode.wireBytesPerSample.toFixed(2)} | |`, '');
  out.push(`Merge throughput (input samples/s, ${m.mergeSeries.toLocaleString('en')} series per node × ${run.args.hours} h):`, '', '| strategy | 2 nodes | 3 nodes |', '|---|--:|--:|');
  for (const s of [...new Set(m.merge.map((r) => r.strategy))]) {
    const two = m.merge.find((r) => r.strategy === s && r.nodes === 2);
    const three = m.merge.find((r) => r.strategy === s && r.nodes === 3);
    out.push(`| ${s} | ${two ? mps(two.samplesPerSec) : '—'} | ${three ? mps(three.samplesPerSec) : '—'} |`);
  }
  out.push('', `Corpus on in-memory data (${m.evalSeries.toLocaleString('en')} series × 2 replicas, merge + evaluation only):`, '', '| query | input samples | merge ms | eval ms | total ms |', '|---|--:|--:|--:|--:|');
  for (const r of m.eval) out.push(`| ${r.id} | ${r.inputSamples.toLocaleString('en')} | ${ms(r.mergeMs)} | ${ms(r.evalMs)} | ${ms(r.totalMs)} |`);
  const j = m.jsonEncode;
  if (j) {
    out.push('', `JSON answer encoding (\`${j.expr}\`, ${j.series.toLocaleString('en')} series, ${(j.bytes / 1e6).toFixed(1)} MB, streamed to UTF-8 chunks):`, '', '| measure | value | goal |', '|---|--:|---|');
    out.push(`| encode | ${ms(j.encodeMs)} ms (${j.encodeMBps.toFixed(0)} MB/s) | |`);
    out.push(`| object tree + JSON.stringify (before) | ${ms(j.treeEncodeMs)} ms | |`);
    out.push(`| merge + evaluation of the same answer | ${ms(j.evalMs)} ms | |`);
    out.push(`| encode ÷ evaluation | ${j.encodeToEval.toFixed(2)} | ${GOALS.encodeToEval.text} ${mark(j.encodeToEval, GOALS.encodeToEval)} |`);
  }
  out.push('');
  return out;
}

function rendererSection(run: BenchRun): string[] {
  const r = run.renderer;
  if (!r) return [];
  return ['### Renderer (headless Chromium, software rendering)', '', ...drawLines(r.draw), ...appLines(r.app)];
}

function drawLines(d: NonNullable<BenchRun['renderer']>['draw']): string[] {
  if (!d) return [];
  if ('error' in d) return [`Draw: not measured: ${d.error}`, ''];
  const draw = median(d.drawMs);
  return [
    `The main-thread painter (stacked charts, or a window without the line worker): ${d.series} series × ${d.points.toLocaleString('en')} points with the app's options (Chromium ${d.chromium}, median of ${d.drawMs.length}):`,
    '',
    '| measure | value | goal |',
    '|---|--:|---|',
    `| new uPlot(…) until every line is painted (in slices, one per frame) | ${ms(draw)} ms | |`,
    `| until the second animation frame after that (includes rasterising) | ${ms(median(d.drawToFrameMs))} ms | |`,
    `| first task: new uPlot(…), axes and the first slice of lines | ${ms(median(d.firstTaskMs))} ms | |`,
    `| longest paint slice; slices per chart; main-thread time of all slices | ${ms(median(d.longestSliceMs))} ms; ${median(d.slices)}; ${ms(median(d.sliceTotalMs))} ms | |`,
    '',
  ];
}

function appLines(a: NonNullable<BenchRun['renderer']>['app']): string[] {
  if (!a) return [];
  if ('error' in a) return [`Workbench: not measured: ${a.error}`, ''];
  const all = [a.first, ...a.rounds];
  const longest = Math.max(...all.map((r) => r.longestTaskMs));
  const tasks = all.flatMap((r) => r.longTasks);
  const perRun = (r: AppBenchRound): string => (r.longestTaskMs ? `${r.longestTaskMs} ms` : '—');
  return [
    `The workbench (built renderer + bridge) running ${a.series} series × ${a.points.toLocaleString('en')} points from two remote_read replicas, Ctrl+Enter until every line of the new chart is painted; the page's first run, then ${a.rounds.length} more; Long Tasks API:`,
    '',
    '| measure | value | goal |',
    '|---|--:|---|',
    `| longest main-thread task, any run | ${longest ? `${ms(longest)} ms` : 'none over 50 ms'} | ${GOALS.longTaskMs.text} ${mark(longest, GOALS.longTaskMs)} |`,
    `| longest task: first run; then each run | ${perRun(a.first)}; ${a.rounds.map(perRun).join(', ')} | |`,
    `| long tasks (> 50 ms) and their scripts | ${tasks.length ? tasks.map((t) => `${t.durationMs} ms (${t.scripts.join('; ') || 'no script named'})`).join(', ') : 'none'} | |`,
    `| new chart on screen to every line painted by the line worker (median of the warm runs) | ${ms(median(a.rounds.map((r) => r.chartToPaintedMs)))} ms | ${GOALS.drawMs.text} ${mark(median(a.rounds.map((r) => r.chartToPaintedMs)), GOALS.drawMs)} |`,
    `| Ctrl+Enter to every line painted: first run; median of the rest | ${ms(a.first.runToPaintedMs)} ms; ${ms(median(a.rounds.map((r) => r.runToPaintedMs)))} ms | |`,
    '',
  ];
}

/** One section's block on its own, for a partial run (`--only micro,renderer`) to replace in bench/LATEST.md. */
export function sectionMarkdown(run: BenchRun, section: 'micro' | 'renderer'): string {
  const lines = section === 'micro' ? microSection(run) : rendererSection(run);
  const mc = run.machine;
  // Under the block's heading: when, and on what, this block was measured (the page header is the full run's).
  lines.splice(1, 0, '', `_Re-measured on its own ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC; load average ${mc.loadAvg1} at start._`);
  return lines.join('\n');
}

export function toMarkdown(run: BenchRun): string {
  const mc = run.machine;
  return [
    `## Benchmarks — ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC${run.args.quick ? ' (quick run)' : ''}`,
    '',
    `${mc.cpuModel}, ${mc.cores} cores, ${mc.memoryGiB} GiB, ${mc.os}, Node ${mc.node}, Prometheus ${mc.prometheus}; load average ${mc.loadAvg1} at start. ` +
      'Numbers, not verdicts: ✓/✗ only say which side of its goal a number fell on this run.',
    '',
    ...clusterSection(run),
    ...microSection(run),
    ...rendererSection(run),
  ].join('\n');
}
