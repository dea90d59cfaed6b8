import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { actOnRelease, fetchRelease, metricSeries, type ReleaseAction, type ReleaseDetail } from './releaseApi';
import { ReleaseChart, type ChartSeries } from './ReleaseChart';
import { ReleaseStatusTag, StrategyLabel, VerdictTag } from './ReleaseTags';
import './release.css';

const POLL_MILLIS = 5000;

/** One release: its steps, the traffic weights and the analysis values as charts, and the actions. */
export default function ReleasePage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ReleaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReleaseAction | null>(null);

  const tRef = useRef(t);
  tRef.current = t;
  const acting = useRef(false);
  const load = useCallback(
    () =>
      fetchRelease(id)
        .then((d) => !acting.current && (setDetail(d), setError(null)))
        .catch((e) => setError(problemText(e, tRef.current))),
    [id],
  );

  useEffect(() => {
    load();
    const timer = window.setInterval(load, POLL_MILLIS);
    return () => window.clearInterval(timer);
  }, [load]);

  const act = async (action: ReleaseAction) => {
    setBusy(action);
    acting.current = true;
    try {
      setDetail(await actOnRelease(id, action));
      message.success(t('release.action.done'));
    } catch (e) {
      message.error(problemText(e, t));
    } finally {
      acting.current = false;
      setBusy(null);
    }
  };

  const weights = useMemo(() => {
    const traffic = detail?.traffic ?? [];
    return {
      labels: ['0', ...traffic.map((c, i) => `${i + 1}${c.action === 'undone' ? '↩' : ''}`)],
      series: [{ name: t('release.chart.weight'), data: [0, ...traffic.map((c) => c.weight)], step: true }] as ChartSeries[],
    };
  }, [detail, t]);

  const metrics = useMemo(() => [...metricSeries(detail?.analyses ?? []).entries()], [detail]);

  if (error && !detail) return <Alert type="error" showIcon message={error} />;
  if (!detail) return <Card loading />;
  const r = detail.release;
  const appliedIndexes = new Set(detail.traffic.filter((c) => c.action === 'applied').map((c) => c.stepIndex));
  const undoneIndexes = new Set(detail.traffic.filter((c) => c.action === 'undone').map((c) => c.stepIndex));

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {r.id}
          </Typography.Title>
          <ReleaseStatusTag status={r.status} />
        </Space>
        <Flex gap={8} wrap className="release-actions">
          {detail.actions.includes('pause') && (
            <Button loading={busy === 'pause'} onClick={() => act('pause')} data-testid="release-pause">
              {t('release.action.pause')}
            </Button>
          )}
          {detail.actions.includes('promote') && (
            <Button type="primary" loading={busy === 'promote'} onClick={() => act('promote')} data-testid="release-promote">
              {t('release.action.promote')}
            </Button>
          )}
          {detail.actions.includes('rollback') && (
            <Popconfirm title={t('release.action.confirmRollback', { id: r.id })} onConfirm={() => act('rollback')}>
              <Button danger loading={busy === 'rollback'} data-testid="release-rollback">
                {t('release.action.rollback')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      {error && <Alert type="warning" showIcon message={error} />}
      {detail.awaitingDecision && <Alert type="warning" showIcon message={t('release.page.awaiting')} />}
      {r.incidentNumber && (
        <Alert
          type="error"
          showIcon
          message={
            <Link to={`/incidents/${r.incidentNumber}`}>{t('release.page.incident', { number: r.incidentNumber })}</Link>
          }
        />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('release.list.service')}>{r.service}</Descriptions.Item>
          <Descriptions.Item label={t('release.col.versions')}>{`${r.stableVersion} → ${r.newVersion}`}</Descriptions.Item>
          <Descriptions.Item label={t('release.col.strategy')}>
            <StrategyLabel strategy={r.strategy} /> · {r.target}
          </Descriptions.Item>
          <Descriptions.Item label={t('release.col.change')}>{r.changeId}</Descriptions.Item>
          <Descriptions.Item label={t('release.col.weight')}>{`${r.currentWeight} %`}</Descriptions.Item>
          <Descriptions.Item label={t('release.page.verification')}>
            {detail.verificationPassed === null ? '—' : t(detail.verificationPassed ? 'release.page.passed' : 'release.page.failed')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('release.page.steps')}>
        <div className="release-steps">
          {(detail.steps ?? []).map((step) => {
            const state = undoneIndexes.has(step.index) ? 'undone' : appliedIndexes.has(step.index) ? 'done' : null;
            return (
              <div
                key={step.index}
                className={`release-step${state === 'done' && r.currentWeight === step.weight ? ' current' : ''}`}
                data-testid={`release-step-${step.index}`}
              >
                <Typography.Text strong>{`${step.index + 1}. ${step.name}`}</Typography.Text>
                <div>{`${step.weight} %`}</div>
                <Space size={4} wrap>
                  {step.pause !== 'PT0S' && <Tag>{t('release.step.pause', { pause: step.pause.replace('PT', '').toLowerCase() })}</Tag>}
                  {step.manual && <Tag color="gold">{t('release.step.manual')}</Tag>}
                  {!step.analyse && <Tag>{t('release.step.noAnalysis')}</Tag>}
                  {state && <Tag color={state === 'done' ? 'green' : 'red'}>{t(`release.step.${state}` as MessageKey)}</Tag>}
                </Space>
              </div>
            );
          })}
        </div>
      </Card>
      <Card size="small" title={t('release.page.traffic')}>
        <ReleaseChart testId="release-weight-chart" labels={weights.labels} series={weights.series} max={100} height={180} />
      </Card>
      <Card size="small" title={t('release.page.analysis')}>
        {detail.analyses.length === 0 ? (
          <Empty description={t('release.page.noAnalysis')} />
        ) : (
          <Flex vertical gap={16}>
            {metrics.map(([name, points]) => (
              <div key={name}>
                <Typography.Text strong>{name}</Typography.Text>
                <ReleaseChart
                  testId={`release-metric-chart-${name}`}
                  labels={points.map((p) => p.label)}
                  series={[
                    { name: t('release.chart.value'), data: points.map((p) => p.value) },
                    { name: t('release.chart.baseline'), data: points.map((p) => p.baseline), dashed: true },
                  ]}
                />
              </div>
            ))}
            <Table
              size="small"
              rowKey={(a) => `${a.phase}-${a.stepIndex}-${a.at}`}
              pagination={false}
              scroll={{ x: 480 }}
              dataSource={detail.analyses}
              columns={[
                { title: '#', render: (_, a) => (a.stepIndex === null ? 'perf' : a.stepIndex + 1) },
                { title: t('release.col.status'), render: (_, a) => <VerdictTag verdict={a.verdict} /> },
                {
                  title: t('release.chart.value'),
                  render: (_, a) =>
                    (a.result?.metrics ?? [])
                      .map((m) => `${m.name}: ${m.measurements.map((x) => (x.value === null ? '∅' : +x.value.toFixed(4))).join(', ')}`)
                      .join(' · '),
                },
                { title: t('release.col.created'), render: (_, a) => formatDateTime(a.at), responsive: ['md'] },
              ]}
            />
          </Flex>
        )}
      </Card>
      <Card size="small" title={t('release.page.timeline')}>
        <Timeline
          items={detail.events.map((e) => ({
            children: (
              <span>
                <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text> {e.kind}
                {e.actor && e.actor !== 'system' ? ` · ${e.actor}` : ''}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}
