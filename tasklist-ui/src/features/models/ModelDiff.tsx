import { useEffect, useRef, useState } from 'react';
import { Alert, Col, Drawer, List, Row, Select, Space, Tag, Typography } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { diff } from 'bpmn-js-differ';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './modelEditor.css';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { fetchContent, type Model } from './modelsApi';

/** The differences between two versions: ids per kind of change. */
export interface DiffSummary {
  added: string[];
  removed: string[];
  changed: string[];
  layout: string[];
}

/** Summarises bpmn-js-differ's result. */
export function summarise(changes: ReturnType<typeof diff>): DiffSummary {
  return {
    added: Object.keys(changes._added),
    removed: Object.keys(changes._removed),
    changed: Object.keys(changes._changed),
    layout: Object.keys(changes._layoutChanged).filter((id) => !(id in changes._changed)),
  };
}

interface Viewer {
  importXML: (xml: string) => Promise<unknown>;
  getDefinitions: () => unknown;
  get: <T>(name: string) => T;
  destroy: () => void;
}
interface Canvas {
  zoom: (level: 'fit-viewport') => void;
  addMarker: (id: string, marker: string) => void;
}

/** Two versions of a process side by side (one above the other on a phone), the differences marked and listed. */
export default function ModelDiff({ model, onClose }: { model: Model; onClose: () => void }) {
  const { t } = useI18n();
  const phone = useMediaQuery(PHONE);
  const versions = model.versions.map((v) => v.version);
  const [from, setFrom] = useState(versions[1] ?? versions[0]);
  const [to, setTo] = useState(versions[0]);
  const [summary, setSummary] = useState<DiffSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!left.current || !right.current) return;
    const a = new NavigatedViewer({ container: left.current }) as unknown as Viewer;
    const b = new NavigatedViewer({ container: right.current }) as unknown as Viewer;
    let cancelled = false;
    Promise.all([fetchContent('process', model.id, from), fetchContent('process', model.id, to)])
      .then(async ([oldXml, newXml]) => {
        await a.importXML(oldXml);
        await b.importXML(newXml);
        if (cancelled) return;
        const result = summarise(diff(a.getDefinitions(), b.getDefinitions()));
        const mark = (viewer: Viewer, ids: string[], marker: string) => {
          const registry = viewer.get<{ get: (id: string) => unknown }>('elementRegistry');
          ids.filter((id) => registry.get(id)).forEach((id) => viewer.get<Canvas>('canvas').addMarker(id, marker));
        };
        mark(a, result.removed, 'suoke-diff-removed');
        mark(b, result.added, 'suoke-diff-added');
        mark(b, result.changed, 'suoke-diff-changed');
        mark(a, result.changed, 'suoke-diff-changed');
        a.get<Canvas>('canvas').zoom('fit-viewport');
        b.get<Canvas>('canvas').zoom('fit-viewport');
        setSummary(result);
      })
      .catch((e) => !cancelled && setError(problemText(e, t)));
    return () => {
      cancelled = true;
      a.destroy();
      b.destroy();
    };
  }, [model.id, from, to, t]);

  const options = versions.map((v) => ({ value: v, label: String(v) }));
  const section = (title: string, ids: string[], color: string) =>
    ids.length > 0 && (
      <List
        size="small"
        header={<Tag color={color}>{title}</Tag>}
        dataSource={ids}
        renderItem={(id) => <List.Item>{id}</List.Item>}
      />
    );
  return (
    <Drawer open title={t('models.diff.title', { id: model.id })} onClose={onClose} size={phone ? '100%' : '90%'}>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('models.diff.from')}</span>
        <Select value={from} options={options} onChange={setFrom} style={{ width: 90 }} />
        <span>{t('models.diff.to')}</span>
        <Select value={to} options={options} onChange={setTo} style={{ width: 90 }} />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Typography.Text strong>v{from}</Typography.Text>
          <div ref={left} className="suoke-bpmn" style={{ height: phone ? 260 : 420 }} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>v{to}</Typography.Text>
          <div ref={right} className="suoke-bpmn" style={{ height: phone ? 260 : 420 }} data-testid="diff-new" />
        </Col>
      </Row>
      {summary && (
        <div data-testid="diff-summary" style={{ marginTop: 12 }}>
          {summary.added.length + summary.removed.length + summary.changed.length + summary.layout.length === 0 && (
            <Typography.Text type="secondary">{t('models.diff.none')}</Typography.Text>
          )}
          {section(t('models.diff.added'), summary.added, 'green')}
          {section(t('models.diff.removed'), summary.removed, 'red')}
          {section(t('models.diff.changed'), summary.changed, 'orange')}
          {section(t('models.diff.layout'), summary.layout, 'default')}
        </div>
      )}
    </Drawer>
  );
}
