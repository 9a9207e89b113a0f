// The YAML editor (CodeMirror 6), loaded on demand by the apply page so the first load stays small.
// Diagnostics (YAML syntax errors, the server's field errors) show as lint marks at their lines.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { Diagnostic } from './diagnostics';

export interface YamlEditor {
  text(): string;
  setText(text: string): void;
  show(diagnostics: Diagnostic[]): void;
  focus(): void;
  destroy(): void;
}

export function mountEditor(parent: HTMLElement, doc: string, label: string, onChange: () => void): YamlEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        history(),
        yaml(),
        lintGutter(),
        // Tab is left to focus navigation (keyboard users can leave the editor); indent with spaces.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => u.docChanged && onChange()),
        EditorView.theme({ '&': { height: '60vh', border: '1px solid var(--line)', borderRadius: '8px', background: 'var(--panel)' }, '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }, '.cm-gutters': { background: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--line)' } }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    show: (diagnostics) => {
      const len = view.state.doc.length;
      view.dispatch(setDiagnostics(view.state, diagnostics.map((d) => ({ from: Math.min(d.from, len), to: Math.min(d.to, len), severity: d.severity, message: d.message }))));
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
