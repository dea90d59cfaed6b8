import { useEffect, useRef } from 'react';
import { FormEditor as BpmnFormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import './modelEditor.css';
import type { EditorHandle } from './BpmnEditor';

/** The form editor (form-js editor); its own chunk. */
export default function FormEditor({ json, onReady }: { json: string; onReady: (handle: EditorHandle) => void }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const editor = new BpmnFormEditor({ container: container.current });
    let destroyed = false;
    editor
      .importSchema(JSON.parse(json))
      .then(() => {
        if (destroyed) return;
        onReady({ content: async () => JSON.stringify(editor.saveSchema(), null, 2), showProblems: () => undefined });
      })
      .catch(() => undefined);
    return () => {
      destroyed = true;
      editor.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [json]);
  return <div className="suoke-form-editor" ref={container} data-testid="form-modeler" />;
}
