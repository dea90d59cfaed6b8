import { useEffect, useRef } from 'react';
import DmnModeler from 'dmn-js/lib/Modeler';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression.css';
import 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import './modelEditor.css';
import type { EditorHandle } from './BpmnEditor';

/** The DMN editor (dmn-js: requirements diagram, decision tables, literal expressions); its own chunk. */
export default function DmnEditor({ xml, onReady }: { xml: string; onReady: (handle: EditorHandle) => void }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const modeler = new DmnModeler({ container: container.current });
    let destroyed = false;
    modeler
      .importXML(xml)
      .then(() => {
        if (destroyed) return;
        onReady({ content: async () => (await modeler.saveXML({ format: true })).xml, showProblems: () => undefined });
      })
      .catch(() => undefined);
    return () => {
      destroyed = true;
      modeler.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xml]);
  return <div className="suoke-dmn-editor" ref={container} data-testid="dmn-modeler" />;
}
