// The benchmark suite, section by section: per data size a loopback cluster with the corpus timed four ways (and
// serve-api when bench/serve-api.ts exists), then micro-benchmarks and the renderer. Saves JSON, prints markdown.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runDecodeBench } from '@core/remote-read/bench';
import { parseBenchArgs, USAGE, type BenchArgs } from './args';
import { startBenchCluster, type BenchCluster } from './cluster/bench-cluster';
import { ensureBenchData, type BenchData } from './data/backfill';
import { hostsFor } from './data/series-model';
import { dataWindow } from './data/timeline';
import { runEvalBench } from './micro/eval-bench';
import { describeJsonEncode, runJsonEncodeBench } from './micro/json-encode-bench';
import { measureHeldMemory } from './micro/held-memory';
import { runMergeBench } from './micro/merge-bench';
import { CORPUS, CORPUS_STEP_MS, PUSHDOWN_CORPUS } from './queries/corpus';
import { runCorpus } from './queries/run-corpus';
import { benchSpec, corpusRange } from './queries/runners';
import { verifyAgainst9090 } from './queries/answer-check';
import { runAppBench } from './renderer/app-bench';
import { runDrawBench } from './renderer/run-draw-bench';
import { GOALS } from './report/goals';
import { describeMachine } from './report/machine';
import { toMarkdown } from './report/markdown';
import { saveRun, type BenchRun, type ClusterRun, type ServeApiSummary } from './report/result';

const log = (s: string): void => void process.stdout.write(s + '\n');
const RRX_CLI_BUNDLE = fileURLToPath(new URL('../out/cli/rrx.mjs', import.meta.url));
const SERVE_API_BENCH = fileURLToPath(new URL('./serve-api.ts', import.meta.url));

/** serve-api's own bench lives in bench/serve-api.ts (another module's); used only when it is there. */
async function serveApiSection(cluster: BenchCluster, data: BenchData, args: BenchArgs): Promise<ServeApiSummary | undefined> {
  if (!existsSync(SERVE_API_BENCH)) {
    log('  serve-api: bench/serve-api.ts not present, skipped');
    return undefined;
  }
  const mod = (await import('./serve-api')) as typeof import('./serve-api');
  const r = await mod.benchServeApi({ spec: benchSpec(cluster), prometheusUrl: cluster.seed.baseUrl, queries: CORPUS, range: corpusRange(data.window.startMs, data.window.endMs), runs: args.runs, cache: 'none', log: (l) => log(`  ${l}`) });
  return { rows: r.rows.map(({ id, rrxMs, prometheusMs, ratio, error }) => ({ id, rrxMs, prometheusMs, ratio, error })), medianRatio: r.medianRatio };
}

async function clusterSection(size: number, args: BenchArgs, run: BenchRun): Promise<void> {
  log(`\n[cluster] ${size} series × ${args.hours} h`);
  const data = await ensureBenchData(size, args.hours, log);
  log(data.cached ? '  data: cached' : `  data: built in ${(data.buildMs / 1000).toFixed(1)} s`);
  const cluster = await startBenchCluster(data);
  try {
    const cold = args.cold && existsSync(RRX_CLI_BUNDLE);
    if (args.cold && !cold) run.errors.push('rrx cold runs skipped: out/cli/rrx.mjs is missing (run "npm run build" first)');
    const out: ClusterRun = { data: { ...data, dirs: undefined } as unknown as ClusterRun['data'], hours: args.hours, stepMs: CORPUS_STEP_MS, rows: [] };
    delete (out.data as Partial<BenchData>).dirs;
    run.cluster.push(out);
    if (args.sections.includes('cluster')) {
      out.rows = await runCorpus(cluster, corpusRange(data.window.startMs, data.window.endMs), { runs: args.runs, cold, log });
      out.heldMemory = await measureHeldMemory(cluster.a.readUrl, data.window);
      log(`  held memory: ${out.heldMemory.heldBytesPerSample.toFixed(1)} bytes/sample over ${out.heldMemory.samples} samples`);
    }
    if (args.sections.includes('pushdown')) {
      // First-time pushdown and delegate answers (no raw-read cache), each checked against the 9090's own answer.
      log('  pushdown corpus (exact under the pushdown rules), with delegate to the 9090:');
      const range = corpusRange(data.window.startMs, data.window.endMs);
      out.pushdownRows = await runCorpus(cluster, range, { runs: args.runs, cold: false, log, queries: PUSHDOWN_CORPUS, methods: ['rrxWarm', 'rrxPushdown', 'rrxDelegate', 'seed9090'], verify: verifyAgainst9090(cluster.seed.baseUrl, range) });
    }
    if (args.sections.includes('serve-api')) out.serveApi = await serveApiSection(cluster, data, args);
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const run: BenchRun = { startedAt: new Date().toISOString(), args, machine: describeMachine(), goals: GOALS, cluster: [], errors: [] };
  log(`rrx bench: sizes ${args.sizes.join(', ')} series × ${args.hours} h, ${args.runs} runs, sections ${args.sections.join(', ')}`);

  if (args.sections.includes('cluster') || args.sections.includes('pushdown') || args.sections.includes('serve-api')) {
    for (const size of args.sizes) {
      try {
        await clusterSection(size, args, run);
      } catch (e) {
        run.errors.push(`cluster ${size}: ${(e as Error).message}`);
        log(`  failed: ${(e as Error).message}`);
      }
    }
  }

  if (args.sections.includes('micro')) {
    log('\n[micro]');
    const w = dataWindow(args.hours);
    const decode = runDecodeBench();
    log(`  decode: ${(decode.xorSamplesPerSec / 1e6).toFixed(1)} M samples/s (XOR), ${(decode.streamSamplesPerSec / 1e6).toFixed(1)} M/s (stream)`);
    const mergeHosts = args.quick ? 2 : 10;
    const merge = runMergeBench(mergeHosts, w);
    log(`  merge: ${merge.map((r) => `${r.strategy}/${r.nodes} ${(r.samplesPerSec / 1e6).toFixed(1)} M/s`).join(', ')}`);
    const evalHosts = hostsFor(Math.min(args.sizes[0], 2000));
    const evalRows = runEvalBench(evalHosts, w);
    log(`  eval: ${evalRows.map((r) => `${r.id} ${r.totalMs.toFixed(1)} ms`).join(', ')}`);
    // The 16 MB answer needs 42 hosts over 6 h; --quick encodes a smaller one (2 h).
    const jsonEncode = args.quick ? runJsonEncodeBench(2, 42, 2) : runJsonEncodeBench();
    log(`  ${describeJsonEncode(jsonEncode)}`);
    run.micro = { decode, merge, mergeSeries: mergeHosts * 100, eval: evalRows, evalSeries: evalHosts * 100, jsonEncode };
  }

  if (args.sections.includes('renderer')) {
    log('\n[renderer]');
    run.renderer = {};
    try {
      run.renderer.draw = await runDrawBench({ series: 500, points: 2000, rounds: args.quick ? 2 : 3 });
      log(`  draw: ${run.renderer.draw.drawMs.map((v) => v.toFixed(0)).join(', ')} ms`);
    } catch (e) {
      run.renderer.draw = { error: (e as Error).message.split('\n')[0] };
      run.errors.push(`renderer draw: ${(e as Error).message}`);
    }
    try {
      run.renderer.app = await runAppBench({ series: 500, rangeMinutes: 500, rounds: args.quick ? 2 : 5 });
      const app = run.renderer.app;
      log(`  app: longest task, first run ${app.first.longestTaskMs} ms, then ${app.rounds.map((r) => r.longestTaskMs).join(', ')} ms (0: none over 50 ms)`);
    } catch (e) {
      run.renderer.app = { error: (e as Error).message.split('\n')[0] };
      run.errors.push(`renderer app: ${(e as Error).message}`);
    }
  }

  run.finishedAt = new Date().toISOString();
  const md = toMarkdown(run) + (run.errors.length ? `\nErrors:\n${run.errors.map((e) => `- ${e}`).join('\n')}\n` : '');
  log('\n' + md);
  if (args.save) log(`\nsaved ${saveRun(run, md)}`);
}

await main();
