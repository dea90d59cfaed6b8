import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ReleaseListPage from './ReleaseListPage';
import ReleasePage from './ReleasePage';
import { metricSeries } from './releaseApi';
import { SUMMARY, detail } from './testData';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ReleaseListPage', () => {
  it('lists releases with versions, strategy, status and weight, and filters by status', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/releases': (call: Call) => ({
        items: call.query.get('status') === 'promoted' ? [] : [SUMMARY],
        total: 1,
        page: 0,
        size: 50,
      }),
    });
    renderPage(<ReleaseListPage />, { route: '/releases' });
    const row = await screen.findByTestId(`release-row-${SUMMARY.id}`);
    expect(within(row).getByRole('link', { name: SUMMARY.id })).toHaveAttribute('href', `/releases/${SUMMARY.id}`);
    expect(within(row).getByText('1.0 → 2.0')).toBeInTheDocument();
    expect(within(row).getByText('Canary')).toBeInTheDocument();
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(within(row).getByText('50%')).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByTitle('Promoted'));
    await waitFor(() => expect(screen.getByText('No releases.')).toBeInTheDocument());
    expect(stub.callsTo('GET', '/api/releases').at(-1)!.query.get('status')).toBe('promoted');
  });

  it('speaks Chinese', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/releases': { items: [SUMMARY], total: 1, page: 0, size: 50 } });
    renderPage(<ReleaseListPage />, { route: '/releases', language: 'zh' });
    const row = await screen.findByTestId(`release-row-${SUMMARY.id}`);
    expect(within(row).getByText('金丝雀')).toBeInTheDocument();
    expect(within(row).getByText('进行中')).toBeInTheDocument();
  });
});

describe('ReleasePage', () => {
  it('shows the steps, the charts and the analysis values', async () => {
    stubApi({ 'GET /api/me': ME, [`GET /api/releases/${SUMMARY.id}`]: detail() });
    renderPage(<ReleasePage />, { route: `/releases/${SUMMARY.id}`, path: '/releases/:id' });
    const first = await screen.findByTestId('release-step-0');
    expect(within(first).getByText('done')).toBeInTheDocument();
    expect(within(screen.getByTestId('release-step-1')).getByText('50 %')).toBeInTheDocument();
    expect(within(screen.getByTestId('release-step-2')).queryByText('done')).toBeNull();
    expect(screen.getByTestId('release-weight-chart')).toBeInTheDocument();
    expect(screen.getByTestId('release-metric-chart-error-ratio')).toBeInTheDocument();
    expect(screen.getByText('Inconclusive')).toBeInTheDocument();
    expect(screen.getByText('error-ratio: ∅, 0.03')).toBeInTheDocument();
  });

  it('pauses and rolls back through the API', async () => {
    // the server's state: what the actions answer is what the page's polling reads afterwards
    let current = detail();
    const stub = stubApi({
      'GET /api/me': ME,
      [`GET /api/releases/${SUMMARY.id}`]: () => current,
      [`POST /api/releases/${SUMMARY.id}/pause`]: () => (current = detail({}, { status: 'paused' })),
      [`POST /api/releases/${SUMMARY.id}/rollback`]: () =>
        (current = detail({ actions: [] }, { status: 'backed-out', incidentNumber: 'INC-20261204-0003' })),
    });
    renderPage(<ReleasePage />, { route: `/releases/${SUMMARY.id}`, path: '/releases/:id' });
    fireEvent.click(await screen.findByTestId('release-pause'));
    await waitFor(() => expect(stub.callsTo('POST', `/api/releases/${SUMMARY.id}/pause`)).toHaveLength(1));

    fireEvent.click(screen.getByTestId('release-rollback'));
    fireEvent.change(await screen.findByTestId('release-rollback-reason'), { target: { value: 'error rate up at 50 %' } });
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() => expect(stub.callsTo('POST', `/api/releases/${SUMMARY.id}/rollback`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `/api/releases/${SUMMARY.id}/rollback`)[0].body!)).toEqual({ reason: 'error rate up at 50 %' });
    expect(await screen.findByText('Incident INC-20261204-0003 was opened for this roll-back.')).toBeInTheDocument();
  });

  it('at a step waiting for a person: says so, offers promote and roll back only, and tells events in words', async () => {
    const waiting = detail(
      {
        awaitingDecision: true,
        traffic: [{ stepIndex: 0, weight: 10, action: 'applied', at: '2026-12-04T02:01:00Z' }],
        // the performance check has no step index: the server leaves the field out
        analyses: [{ phase: 'performance', verdict: 'Successful', at: '2026-12-04T02:00:30Z', result: { metrics: [], startedAt: 0, finishedAt: 0 } }],
        events: [
          { kind: 'deployed', actor: 'system', note: '2.0', at: '2026-12-04T02:00:10Z' },
          { kind: 'analysis', actor: 'system', note: 'performance: Successful', at: '2026-12-04T02:00:30Z' },
        ],
      },
      { currentWeight: 10 },
    );
    stubApi({ 'GET /api/me': ME, [`GET /api/releases/${SUMMARY.id}`]: waiting });
    renderPage(<ReleasePage />, { route: `/releases/${SUMMARY.id}`, path: '/releases/:id' });
    expect(await screen.findByTestId('release-awaiting')).toHaveTextContent('waits for a decision');
    expect(within(screen.getByTestId('release-step-0')).getByText('awaiting decision')).toBeInTheDocument();
    expect(screen.queryByTestId('release-pause')).toBeNull();
    expect(screen.getByTestId('release-promote')).toBeInTheDocument();
    expect(screen.getByTestId('release-change')).toHaveAttribute('href', `/changes/${SUMMARY.changeId}`);
    expect(screen.getByRole('cell', { name: 'Performance check' })).toBeInTheDocument();
    expect(screen.getByText('no metrics configured')).toBeInTheDocument();
    const timeline = screen.getByTestId('release-timeline');
    expect(within(timeline).getByText('New version deployed')).toBeInTheDocument();
    expect(within(timeline).getByText('Analysis (Performance check): Successful')).toBeInTheDocument();
    expect(within(timeline).getByText('Step 1: traffic to the new version 10 %')).toBeInTheDocument();
  });

  it('labels the measured values by step for the chart', () => {
    const series = metricSeries(detail().analyses).get('error-ratio')!;
    expect(series.map((p) => p.label)).toEqual(['#1.1', '#1.2', '#2.1', '#2.2']);
    expect(series.map((p) => p.value)).toEqual([0.01, 0.02, null, 0.03]);
  });
});
