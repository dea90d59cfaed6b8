import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useI18n } from '../../app/i18n';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import type { Flow } from './instanceMarks';
import './operations.css';

/** What to draw on the diagram once it is shown. */
export interface Decoration {
  markers: { id: string; marker: string }[];
  badges: { id: string; text: string; className: string; position: Record<string, number>; title?: string }[];
}

interface Canvas {
  zoom: (level: 'fit-viewport' | number, center?: 'auto') => number;
  addMarker: (id: string, marker: string) => void;
}
interface Registry {
  get: (id: string) => unknown;
  filter: (fn: (e: { type: string; businessObject: { sourceRef?: { id: string }; targetRef?: { id: string } } }) => boolean) => {
    id: string;
    businessObject: { sourceRef?: { id: string }; targetRef?: { id: string } };
  }[];
}
interface Overlays {
  add: (id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }) => void;
}

/**
 * A process version drawn by the bpmn-js viewer (pan and zoom) with markers and badges. `decorate`
 * gets the diagram's sequence flows, so marks that depend on them (taken flows) can be computed.
 * The bpmn.io watermark stays visible. Its own chunk.
 */
export default function OpsDiagram({ xml, decorate, testId }: { xml: string; decorate: (flows: Flow[]) => Decoration; testId?: string }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const phone = useMediaQuery(PHONE);
  const [state, setState] = useState<'loading' | 'shown' | string>('loading');

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    viewer
      .importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<Registry>('elementRegistry');
        const overlays = viewer.get<Overlays>('overlays');
        canvas.zoom('fit-viewport', 'auto');
        const flows = registry
          .filter((e) => e.type === 'bpmn:SequenceFlow')
          .map((e) => ({ id: e.id, source: e.businessObject.sourceRef?.id ?? '', target: e.businessObject.targetRef?.id ?? '' }));
        const decoration = decorate(flows);
        decoration.markers.filter((m) => registry.get(m.id)).forEach((m) => canvas.addMarker(m.id, m.marker));
        decoration.badges
          .filter((b) => registry.get(b.id))
          .forEach((b) => {
            const html = document.createElement('div');
            html.className = b.className;
            html.textContent = b.text;
            html.dataset.testid = `badge-${b.id}`;
            if (b.title) html.title = b.title;
            overlays.add(b.id, 'suoke-ops', { position: b.position, html });
          });
        setState('shown');
      })
      .catch((e: unknown) => !cancelled && setState(String(e)));
    return () => {
      cancelled = true;
      viewer.destroy();
    };
  }, [xml, decorate]);

  return (
    <div data-testid={testId ?? 'ops-diagram'} data-state={state === 'loading' || state === 'shown' ? state : 'failed'}>
      {state !== 'loading' && state !== 'shown' && <Alert type="warning" showIcon title={t('ops.diagram.failed', { detail: state })} />}
      <Spin spinning={state === 'loading'}>
        <div ref={container} className="suoke-ops-diagram" style={{ height: phone ? 280 : 420 }} role="figure" />
      </Spin>
    </div>
  );
}
