import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { actOnRelease, fetchRelease, metricSeries, type ReleaseAction, type ReleaseDetail } from './releaseApi';
import { ReleaseChart, type ChartSeries } from './ReleaseChart';
import { ReleaseStatusTag, StrategyLabel, VerdictTag } from './ReleaseTags';
import './release.css';

const POLL_MILLIS = 5000;

const STEP_COLORS: Record<string, string> = { done: 'green', undone: 'red', waiting: 'gold' };
const EVENT_COLORS: Record<string, string> = {
  refused: 'red',
  'verification-failed': 'red',
  'rollback-requested': 'red',
  'backed-out': 'red',
  paused: 'orange',
  promoted: 'green',
  'promoted-by-person': 'green',
};
const EVENT_KINDS = new Set([
  'requested', 'planned', 'prepared', 'deployed', 'verified', 'verification-failed', 'analysis', 'paused', 'promoted-by-person',
  'rollback-requested', 'scaled-down', 'confirmed', 'previous-retired', 'promoted', 'backed-out', 'refused',
]);

/**
 * An analysis event's note ("performance: Successful", "step 1: Failed", steps counted from 1)
 * in the reader's language: what was analysed and the verdict.
 */
function analysisNote(note: string | null, t: (key: MessageKey, params?: Record<string, string | number>) => string) {
  const match = /^(?:performance|step (\d+)): (Successful|Failed|Inconclusive)$/.exec(note ?? '');
  if (!match) return null;
  const what = match[1] === undefined ? t('release.phase.performance') : t('release.chart.step', { n: Number(match[1]) });
  return t('release.event.analysisOf', { what, verdict: t(`release.verdict.${match[2]}` as MessageKey) });
}

/** The event's kind in the reader's language (a kind this page does not know is shown as it is). */
function eventText(kind: string, t: (key: MessageKey) => string) {
  return EVENT_KINDS.has(kind) ? t(`release.event.${kind}` as MessageKey) : kind;
}

/** One release: its steps, the traffic weights and the analysis values as charts, and the actions. */
export default function ReleasePage() {
  const { id = '' } = useParams();
  const { t, formatDateTime, locale } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ReleaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReleaseAction | null>(null);
  const [reason, setReason] = useState('');

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

  const act = async (action: ReleaseAction, why?: string) => {
    setBusy(action);
    acting.current = true;
    try {
      setDetail(await actOnRelease(id, action, why));
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
      labels: [
        t('release.chart.start'),
        ...traffic.map((c) => t(c.action === 'undone' ? 'release.chart.undone' : 'release.chart.step', { n: c.stepIndex + 1 })),
      ],
      series: [{ name: t('release.chart.weight'), data: [0, ...traffic.map((c) => c.weight)], valueLabels: '%' }] as ChartSeries[],
    };
  }, [detail, t]);

  // the timeline: the release's events and its traffic changes, in the order they happened
  const timeline = useMemo(() => {
    const items: { at: string; text: string; actor: string | null; note: string | null; color: string }[] = [
      ...(detail?.events ?? []).map((e) => {
        const analysis = e.kind === 'analysis' ? analysisNote(e.note, t) : null;
        return {
          at: e.at,
          text: analysis ?? eventText(e.kind, t),
          actor: e.actor && e.actor !== 'system' ? e.actor : null,
          note: analysis ? null : (e.note ?? null),
          color: EVENT_COLORS[e.kind] ?? 'blue',
        };
      }),
      ...(detail?.traffic ?? []).map((c) => ({
        at: c.at,
        text: t(c.action === 'undone' ? 'release.event.trafficUndone' : 'release.event.traffic', { n: c.stepIndex + 1, weight: c.weight }),
        actor: null,
        note: null,
        color: c.action === 'undone' ? 'red' : 'green',
      })),
    ];
    return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }, [detail, t]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }), [locale]);

  const metrics = useMemo(() => [...metricSeries(detail?.analyses ?? []).entries()], [detail]);

  if (error && !detail) return <Alert type="error" showIcon title={error} />;
  if (!detail) return <Card loading />;
  const r = detail.release;
  const appliedIndexes = new Set(detail.traffic.filter((c) => c.action === 'applied').map((c) => c.stepIndex));
  const undoneIndexes = new Set(detail.traffic.filter((c) => c.action === 'undone').map((c) => c.stepIndex));
  const lastApplied = detail.traffic.filter((c) => c.action === 'applied').at(-1)?.stepIndex;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical gap={4}>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="release-id">
              {r.id}
            </Typography.Title>
            <ReleaseStatusTag status={r.status} testId="release-status" />
            {detail.awaitingDecision && <Tag color="gold">{t('release.page.awaitingTag')}</Tag>}
          </Space>
          {r.title && (
            <Typography.Text type="secondary" data-testid="release-title">
              {r.title}
            </Typography.Text>
          )}
        </Flex>
        <Flex gap={8} wrap className="release-actions">
          {detail.actions.includes('pause') && !detail.awaitingDecision && (
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
            <Popconfirm
              title={t('release.action.confirmRollback', { id: r.id })}
              description={
                <Input.TextArea
                  aria-label={t('release.action.reason')}
                  placeholder={t('release.action.reason')}
                  data-testid="release-rollback-reason"
                  value={reason}
                  maxLength={500}
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  onChange={(e) => setReason(e.target.value)}
                  style={{ width: 'min(280px, 70vw)', marginTop: 4 }}
                />
              }
              onOpenChange={(open) => open && setReason('')}
              onConfirm={() => act('rollback', reason.trim() || undefined)}
            >
              <Button danger loading={busy === 'rollback'} data-testid="release-rollback">
                {t('release.action.rollback')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      {error && <Alert type="warning" showIcon title={error} />}
      {detail.awaitingDecision && <Alert type="warning" showIcon title={t('release.page.awaiting')} data-testid="release-awaiting" />}
      {r.incidentNumber && (
        <Alert
          type="error"
          showIcon
          title={
            <Link to={`/incidents/${r.incidentNumber}`} data-testid="release-incident">{t('release.page.incident', { number: r.incidentNumber })}</Link>
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
          <Descriptions.Item label={t('release.col.change')}>
            {r.changeId ? (
              <Link to={`/changes/${r.changeId}`} data-testid="release-change">
                {r.changeId}
              </Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('release.col.weight')}>
            <span data-testid="release-weight">{`${r.currentWeight} %`}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('release.page.verification')}>
            {detail.verificationPassed == null
              ? '—'
              : `${t(detail.verificationPassed ? 'release.page.passed' : 'release.page.failed')}${
                  detail.probeResults?.length
                    ? ` · ${t('release.page.probes', { passed: detail.probeResults.filter((p) => p.passed).length, total: detail.probeResults.length })}`
                    : ''
                }`}
          </Descriptions.Item>
          <Descriptions.Item label={t('release.page.requestedBy')}>{`${r.requestedBy} · ${formatDateTime(r.createdAt)}`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('release.page.steps')}>
        <div className="release-steps">
          {(detail.steps ?? []).map((step) => {
            const state = undoneIndexes.has(step.index)
              ? 'undone'
              : detail.awaitingDecision && step.index === lastApplied
                ? 'waiting'
                : appliedIndexes.has(step.index)
                  ? 'done'
                  : null;
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
                  {state && <Tag color={STEP_COLORS[state]}>{t(`release.step.${state}` as MessageKey)}</Tag>}
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
              rowKey={(a) => `${a.phase}-${a.stepIndex ?? 'p'}-${a.at}`}
              pagination={false}
              scroll={{ x: 480 }}
              dataSource={detail.analyses}
              columns={[
                {
                  title: t('release.col.phase'),
                  render: (_, a) => (a.stepIndex == null ? t('release.phase.performance') : t('release.chart.step', { n: a.stepIndex + 1 })),
                },
                { title: t('release.col.status'), render: (_, a) => <VerdictTag verdict={a.verdict} /> },
                {
                  title: t('release.chart.value'),
                  render: (_, a) =>
                    (a.result?.metrics ?? []).length === 0
                      ? t('release.page.noMetrics')
                      : (a.result?.metrics ?? [])
                          .map((m) => `${m.name}: ${m.measurements.map((x) => (x.value === null ? '∅' : +x.value.toFixed(4))).join(', ')}`)
                          .join(' · '),
                },
                { title: t('release.col.at'), render: (_, a) => timeFormat.format(new Date(a.at)), responsive: ['md'] },
              ]}
            />
          </Flex>
        )}
      </Card>
      <Card size="small" title={t('release.page.timeline')}>
        <Timeline
          data-testid="release-timeline"
          items={timeline.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.color,
            content: (
              <span>
                <Typography.Text strong>{e.text}</Typography.Text>
                {e.actor ? ` · ${e.actor}` : ''}
                {e.note ? <Typography.Text type="secondary">{` · ${e.note}`}</Typography.Text> : null}
                <br />
                <Typography.Text type="secondary">{timeFormat.format(new Date(e.at))}</Typography.Text>
              </span>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}
