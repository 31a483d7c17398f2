// What the numbers were measured on: CPU, cores, memory, OS, Node and Prometheus versions, and the load at start.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { PROMETHEUS_BIN } from '../../test/helpers/prometheus';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  prometheus: string;
  /** 1-minute load average when the run started: a busy machine makes every number slower. */
  loadAvg1: number;
}

function prometheusVersion(): string {
  try {
    const out = execFileSync(PROMETHEUS_BIN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return /version (\S+)/.exec(out)?.[1] ?? out.split('\n')[0];
  } catch {
    return 'not found';
  }
}

export function describeMachine(): MachineInfo {
  const c = cpus();
  return {
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    prometheus: prometheusVersion(),
    loadAvg1: Math.round(loadavg()[0] * 100) / 100,
  };
}
