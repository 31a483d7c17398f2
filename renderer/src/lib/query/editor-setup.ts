// CodeMirror 6 set-up for the PromQL editor: codemirror-promql for highlighting and completion (fed by our index
// client), our own parser (query.parse) as the linter, Mod-Enter to run. No DOM here beyond what CodeMirror needs.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { PromQLExtension, type PrometheusClient } from '@prometheus-io/codemirror-promql';
import type { ParseCheck } from '@shared/api/query-types';
import { parseDiagnostic } from './parse-diagnostic';

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--hl-keyword)' },
  { tag: tags.function(tags.variableName), color: 'var(--hl-function)' },
  { tag: tags.labelName, color: 'var(--hl-label)' },
  { tag: tags.string, color: 'var(--hl-string)' },
  { tag: tags.number, color: 'var(--hl-number)' },
  { tag: tags.comment, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: tags.operator, color: 'var(--hl-operator)' },
  { tag: tags.modifier, color: 'var(--hl-keyword)' },
  { tag: tags.invalid, color: 'var(--err)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--input)', color: 'var(--fg)', border: '1px solid var(--border)', borderRadius: '4px', fontSize: '0.95rem' },
  '&.cm-focused': { outline: '2px solid var(--link)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", padding: '6px 4px', caretColor: 'var(--fg)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--link)', color: '#fff' },
  '.cm-completionDetail': { color: 'var(--muted)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--err)' },
  '.cm-placeholder': { color: 'var(--muted)' },
});

export interface EditorSetup {
  doc: string;
  client: PrometheusClient;
  parse: (expr: string) => Promise<ParseCheck | null>;
  onChange: (doc: string) => void;
  onRun: () => void;
  onParse: (check: ParseCheck | null) => void;
}

export function editorExtensions(o: EditorSetup): Extension[] {
  const promql = new PromQLExtension().activateLinter(false).setComplete({ remote: o.client, maxMetricsMetadata: 10_000 });
  return [
    history(),
    closeBrackets(),
    bracketMatching(),
    autocompletion({ icons: false, activateOnTyping: true }),
    keymap.of([
      { key: 'Mod-Enter', run: () => (o.onRun(), true), preventDefault: true },
      { key: 'Shift-Enter', run: insertNewlineAndIndent },
      ...closeBracketsKeymap,
      ...completionKeymap,
      ...historyKeymap,
      ...defaultKeymap,
    ]),
    promql.asExtension(),
    syntaxHighlighting(highlight),
    theme,
    placeholder('Expression (Ctrl+Enter to run), e.g. rate(node_network_receive_bytes_total[5m])'),
    EditorView.lineWrapping,
    linter(
      async (view) => {
        const doc = view.state.doc.toString();
        if (!doc.trim()) {
          o.onParse(null);
          return [];
        }
        const check = await o.parse(doc);
        // The document may have changed while the app parsed; a stale answer would underline the wrong place.
        if (view.state.doc.toString() !== doc) return [];
        o.onParse(check);
        const d = check ? parseDiagnostic(check, doc.length) : null;
        return d ? [d] : [];
      },
      { delay: 350 },
    ),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange(u.state.doc.toString());
    }),
  ];
}

export function createEditorState(o: EditorSetup): EditorState {
  return EditorState.create({ doc: o.doc, extensions: editorExtensions(o) });
}
