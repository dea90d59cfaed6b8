import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Flex, Radio, Spin, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { formatDuration, heatLevel } from './instanceMarks';
import type { Decoration } from './OpsDiagram';
import { fetchDefinitions, fetchHeatMap, fetchXml, type HeatCell, type HeatMap } from './operationsApi';

const OpsDiagram = lazy(() => import('./OpsDiagram'));

export type Metric = 'instances' | 'incidents' | 'average';

function valueOf(cell: HeatCell, metric: Metric): number {
  return metric === 'average' ? cell.averageMillis ?? 0 : metric === 'incidents' ? cell.incidents : cell.instances;
}

/** The heat map's decoration: each element coloured by the metric against the largest, with its value. */
export function heatDecoration(map: HeatMap, metric: Metric): Decoration {
  const entries = Object.entries(map.elements);
  const max = Math.max(0, ...entries.map(([, c]) => valueOf(c, metric)));
  const markers: Decoration['markers'] = [];
  const badges: Decoration['badges'] = [];
  for (const [id, cell] of entries) {
    const value = valueOf(cell, metric);
    const level = heatLevel(value, max);
    if (level > 0) markers.push({ id, marker: `suoke-ops-heat-${level}` });
    if (value > 0)
      badges.push({
        id,
        text: metric === 'average' ? formatDuration(value) : String(value),
        className: 'suoke-ops-heat-label',
        position: { bottom: -4, left: 0 },
      });
  }
  return { markers, badges };
}

/** A process version's heat map: instances, incidents and average time per element. */
export default function HeatMapPage() {
  const { key = '' } = useParams();
  const { t } = useI18n();
  const [map, setMap] = useState<HeatMap | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [metric, setMetric] = useState<Metric>('instances');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchHeatMap(key, controller.signal), fetchXml(key, controller.signal), fetchDefinitions(controller.signal)])
      .then(([m, x, definitions]) => {
        setMap(m);
        setXml(x);
        const d = definitions.find((def) => def.processDefinitionKey === key);
        setTitle(d ? t('ops.heatmap.title', { process: d.name, version: d.version }) : t('ops.heatmap'));
      })
      .catch((e) => !controller.signal.aborted && setError(problemText(e, t)));
    return () => controller.abort();
  }, [key, t]);

  const decorate = useCallback(() => (map ? heatDecoration(map, metric) : { markers: [], badges: [] }), [map, metric]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!map || !xml) return <Spin />;
  return (
    <Card title={title} extra={<Link to="/operations">{t('ops.instance.back')}</Link>} size="small">
      <Flex vertical gap={12}>
        <Radio.Group
          value={metric}
          onChange={(e) => setMetric(e.target.value)}
          optionType="button"
          options={[
            { value: 'instances', label: t('ops.heatmap.instances') },
            { value: 'incidents', label: t('ops.heatmap.incidents') },
            { value: 'average', label: t('ops.heatmap.average') },
          ]}
        />
        <Suspense fallback={<Spin />}>
          <OpsDiagram key={metric} xml={xml} decorate={decorate} testId="heatmap-diagram" />
        </Suspense>
        <Typography.Text type="secondary">{t('ops.heatmap.sampled', { count: map.sampled })}</Typography.Text>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={Object.entries(map.elements).map(([id, c]) => ({ id, ...c }))}
          columns={[
            { title: t('ops.incident.element'), dataIndex: 'id', key: 'id' },
            { title: t('ops.heatmap.instances'), dataIndex: 'instances', key: 'i' },
            { title: t('ops.heatmap.incidents'), dataIndex: 'incidents', key: 'n' },
            { title: t('ops.heatmap.average'), key: 'a', render: (_, c: HeatCell) => (c.averageMillis === null ? '' : formatDuration(c.averageMillis)) },
          ]}
        />
      </Flex>
    </Card>
  );
}
