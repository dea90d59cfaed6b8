import { useEffect, useRef } from 'react';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import './modelEditor.css';
import type { ModelProblem } from './modelsApi';

/** What the editor page asks of a modeler: the current file, and problems drawn on it. */
export interface EditorHandle {
  content: () => Promise<string>;
  showProblems: (problems: ModelProblem[]) => void;
  select?: (elementId: string) => void;
}

interface Canvas {
  addMarker: (id: string, marker: string) => void;
  removeMarker: (id: string, marker: string) => void;
  zoom: (level: 'fit-viewport' | number, center?: 'auto') => number;
  scrollToElement: (element: unknown) => void;
}
interface Overlays {
  add: (id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }) => string;
  remove: (filter: { type: string }) => void;
}
interface Registry {
  get: (id: string) => unknown;
  getAll: () => { id: string; businessObject?: Record<string, unknown> }[];
}

/**
 * The diagram element a problem belongs to: the element itself, or the shape whose event
 * definition, loop characteristics or condition carries the id (Zeebe names the nearest element
 * with an id, e.g. a timer's definition, which has no shape of its own).
 */
export function shapeOf(registry: Registry, id: string): string | null {
  if (registry.get(id)) return id;
  const owns = (value: unknown): boolean => {
    if (!value || typeof value !== 'object') return false;
    if (Array.isArray(value)) return value.some(owns);
    return (value as { id?: string }).id === id;
  };
  for (const element of registry.getAll()) {
    const bo = element.businessObject ?? {};
    if (owns(bo.eventDefinitions) || owns(bo.loopCharacteristics) || owns(bo.conditionExpression)) return element.id;
  }
  return null;
}

/**
 * The BPMN modeler (bpmn-js) with Camunda 8's properties panel (Zeebe moddle, properties and
 * behaviours). Problems of a validation are drawn on their elements (red, with a badge naming
 * the message). The bpmn.io watermark stays visible. Its own chunk: loaded when a BPMN draft opens.
 */
export default function BpmnEditor({
  xml,
  onReady,
  onChange,
}: {
  xml: string;
  onReady: (handle: EditorHandle) => void;
  onChange?: () => void;
}) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const marked = useRef<string[]>([]);

  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return;
    const modeler = new BpmnModeler({
      container: canvasRef.current,
      propertiesPanel: { parent: panelRef.current },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule],
      moddleExtensions: { zeebe: zeebeModdle },
    });
    let destroyed = false;
    modeler
      .importXML(xml)
      .then(() => {
        if (destroyed) return;
        modeler.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
        const eventBus = modeler.get<{ on: (event: string, cb: () => void) => void }>('eventBus');
        eventBus.on('commandStack.changed', () => onChange?.());
        onReady({
          content: async () => (await modeler.saveXML({ format: true })).xml as string,
          showProblems: (problems) => {
            const canvas = modeler.get<Canvas>('canvas');
            const overlays = modeler.get<Overlays>('overlays');
            const registry = modeler.get<Registry>('elementRegistry');
            marked.current.forEach((id) => registry.get(id) && canvas.removeMarker(id, 'suoke-bpmn-error'));
            overlays.remove({ type: 'suoke-problem' });
            const byElement = new Map<string, string[]>();
            problems.forEach((p) => {
              const shape = p.elementId ? shapeOf(registry, p.elementId) : null;
              if (shape) byElement.set(shape, [...(byElement.get(shape) ?? []), p.message]);
            });
            marked.current = [];
            byElement.forEach((messages, id) => {
              canvas.addMarker(id, 'suoke-bpmn-error');
              marked.current.push(id);
              const badge = document.createElement('div');
              badge.className = 'suoke-problem-badge';
              badge.dataset.testid = `problem-${id}`;
              badge.title = messages.join('\n');
              badge.textContent = String(messages.length);
              overlays.add(id, 'suoke-problem', { position: { top: -10, right: 10 }, html: badge });
            });
          },
          select: (id) => {
            const registry = modeler.get<Registry>('elementRegistry');
            const shape = shapeOf(registry, id);
            const element = shape ? registry.get(shape) : null;
            if (!element) return;
            modeler.get<{ select: (e: unknown) => void }>('selection').select(element);
            modeler.get<Canvas>('canvas').scrollToElement(element);
          },
        });
      })
      .catch(() => undefined);
    return () => {
      destroyed = true;
      modeler.destroy();
    };
    // the modeler is created once per file; later props changes do not re-import
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xml]);

  return (
    <div className="suoke-modeler" data-testid="bpmn-modeler">
      <div className="suoke-modeler-canvas" ref={canvasRef} />
      <div className="suoke-modeler-panel" ref={panelRef} data-testid="properties-panel" />
    </div>
  );
}
