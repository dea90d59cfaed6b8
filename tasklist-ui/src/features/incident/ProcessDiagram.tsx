import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Spin, Tag } from 'antd';
import { CompressOutlined } from '@ant-design/icons';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { fetchDiagram } from './incidentApi';
import './processDiagram.css';

interface Canvas {
  zoom: (level: 'fit-viewport' | number, center?: 'auto') => number;
  addMarker: (element: string, marker: string) => void;
}
interface ElementRegistry {
  get: (id: string) => unknown;
}

export const ACTIVE_MARKER = 'suoke-bpmn-active';
export const COMPLETED_MARKER = 'suoke-bpmn-completed';

/**
 * The incident's process as bpmn-js draws it (viewer only: pan and zoom), the running steps
 * highlighted and the finished ones marked. This module is its own chunk: bpmn-js is loaded
 * only when an incident page shows the diagram. The bpmn.io watermark stays visible.
 */
export default function ProcessDiagram({ number, version = 0 }: { number: string; version?: number }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'shown' } | { kind: 'failed'; error: string }>({ kind: 'loading' });
  const phone = useMediaQuery(PHONE);

  useEffect(() => {
    const controller = new AbortController();
    let current: NavigatedViewer | undefined;
    fetchDiagram(number, controller.signal)
      .then(async (diagram) => {
        if (controller.signal.aborted || !container.current) return;
        current = new NavigatedViewer({ container: container.current });
        viewer.current = current;
        await current.importXML(diagram.bpmnXml);
        if (controller.signal.aborted) return;
        const canvas = current.get<Canvas>('canvas');
        const registry = current.get<ElementRegistry>('elementRegistry');
        canvas.zoom('fit-viewport', 'auto');
        const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
        mark(diagram.completedElementIds ?? [], COMPLETED_MARKER);
        mark(diagram.activeElementIds ?? [], ACTIVE_MARKER);
        setState({ kind: 'shown' });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ kind: 'failed', error: problemText(error, t) });
      });
    return () => {
      controller.abort();
      current?.destroy();
      if (viewer.current === current) viewer.current = null;
    };
  }, [number, version, t]);

  return (
    <div data-testid="process-diagram" data-state={state.kind}>
      {state.kind === 'failed' && <Alert type="warning" showIcon title={t('incident.diagram.failed', { detail: state.error })} />}
      <Spin spinning={state.kind === 'loading'}>
        <div
          ref={container}
          className="suoke-bpmn"
          style={{ height: phone ? 260 : 380, display: state.kind === 'failed' ? 'none' : undefined }}
          role="figure"
          aria-label={t('incident.diagram.title')}
        />
      </Spin>
      {state.kind === 'shown' && (
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
          <Flex gap={4} wrap>
            <Tag className="suoke-bpmn-legend-active">{t('incident.diagram.active')}</Tag>
            <Tag className="suoke-bpmn-legend-completed">{t('incident.diagram.completed')}</Tag>
          </Flex>
          <Button
            size="small"
            icon={<CompressOutlined />}
            onClick={() => viewer.current?.get<Canvas>('canvas').zoom('fit-viewport', 'auto')}
          >
            {t('incident.diagram.fit')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
