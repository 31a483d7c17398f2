// The Rules panel's state, shared with the workspace session so a saved workspace keeps the rule file, its range
// and the last backtest result, and opening one shows them again without reading the cluster.
import type { RulesBacktestView } from '@shared/api/rules-types';
import type { WorkspaceRules } from '@shared/api/workspace-types';

class RulesState {
  open = $state(false);
  yaml = $state('');
  fileName = $state('rules.yml');
  durationMs = $state(3 * 3_600_000);
  result = $state<RulesBacktestView | null>(null);

  /** Changes whenever what a workspace would store changes (for the unsaved-changes mark). */
  fingerprint(): string {
    if (!this.yaml.trim() && !this.result) return '';
    return `|rules:${this.fileName}:${this.durationMs}:${this.yaml.length}:${this.yaml}:${this.result?.csv ?? ''}`;
  }

  /** What a workspace stores (nothing while the panel was never used). */
  toWorkspace(): WorkspaceRules | undefined {
    if (!this.yaml.trim() && !this.result) return undefined;
    return { fileName: this.fileName, yaml: this.yaml, durationMs: this.durationMs, ...(this.result ? { result: $state.snapshot(this.result) } : {}) };
  }

  fromWorkspace(r: WorkspaceRules | undefined): void {
    this.yaml = r?.yaml ?? '';
    this.fileName = r?.fileName ?? 'rules.yml';
    this.durationMs = r?.durationMs || 3 * 3_600_000;
    this.result = (r?.result as RulesBacktestView | undefined) ?? null;
    if (r) this.open = true;
  }
}

export const rulesState = new RulesState();
