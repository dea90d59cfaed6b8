import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import KpiDashboardPage from './KpiDashboardPage';
import { ESCALATED, ON_CALL, OPTIONS, SUMMARY, TREND, group } from './testData';

configure({ asyncUtilTimeout: 20000 });
// echarts draws every chart of the page: slow in jsdom on a busy machine
vi.setConfig({ testTimeout: 90_000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

function routes(overrides: Record<string, unknown> = {}) {
  return {
    'GET /api/me': ME,
    'GET /api/kpi/options': OPTIONS,
    'GET /api/kpi/summary': SUMMARY,
    'GET /api/kpi/breakdown': (call: Call) =>
      call.query.get('by') === 'month' ? TREND : call.query.get('by') === 'team' ? [group('payments')] : [group('checkout')],
    'GET /api/kpi/oncall': ON_CALL,
    'GET /api/kpi/incidents': ESCALATED,
    ...overrides,
  };
}

describe('KpiDashboardPage', () => {
  it('shows the month\'s figures, the charts and availability against target, with export links', async () => {
    const stub = stubApi(routes());
    renderPage(<KpiDashboardPage />, { route: '/kpi?month=2026-11' });
    const incidents = await screen.findByTestId('kpi-card-incidents');
    expect(within(incidents).getByText('4')).toBeInTheDocument();
    expect(within(incidents).getByText('1 cancelled')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-mtta')).getByText('9m 15s')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-mttr')).getByText('1h 10m')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-tth')).getByText('10m 30s')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-sla')).getByText('62.5 %')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-escalation')).getByText('50.0 %')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-card-csat')).toHaveTextContent('3.50');
    expect(within(screen.getByTestId('kpi-card-overdue')).getByText('1')).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-card-pages')).getByText('5 (3)')).toBeInTheDocument();
    expect(screen.getByText('2026-11-01 – 2026-11-30 (Asia/Shanghai)', { exact: false })).toBeInTheDocument();

    const checkout = screen.getByTestId('kpi-availability-checkout');
    expect(within(checkout).getByText('99.769 %')).toBeInTheDocument();
    expect(within(checkout).getByText('99.9 %')).toBeInTheDocument();
    expect(within(checkout).getByText('-56.8 min', { exact: false })).toBeInTheDocument();
    expect(within(screen.getByTestId('kpi-availability-search')).getByText('100.000 %')).toBeInTheDocument();

    for (const chart of ['trend', 'priority', 'sla', 'services', 'availability', 'csat', 'oncall']) {
      expect(screen.getByTestId(`kpi-chart-${chart}`)).toBeInTheDocument();
    }
    expect(screen.getByRole('img', { name: 'Trend of the last 12 months' })).toBeInTheDocument();

    expect(screen.getByTestId('kpi-export-csv')).toHaveAttribute('href', '/api/kpi/report?month=2026-11&format=csv');
    expect(screen.getByTestId('kpi-export-pdf')).toHaveAttribute('href', '/api/kpi/report?month=2026-11&format=pdf');
    // the trend covers the twelve months up to the chosen one
    const trend = stub.calls.find((c) => c.path === '/api/kpi/breakdown' && c.query.get('by') === 'month')!;
    expect(trend.query.get('from')).toBe('2025-12-01');
    expect(trend.query.get('to')).toBe('2026-11-30');
  });

  it('drills down from a figure to the incidents behind it, each linking to its page', async () => {
    const stub = stubApi(routes());
    renderPage(<KpiDashboardPage />, { route: '/kpi?month=2026-11&team=payments' });
    fireEvent.click(await screen.findByTestId('kpi-card-escalation'));
    const row = await screen.findByTestId('kpi-drill-row-INC-20261110-0007');
    expect(within(row).getByRole('link', { name: 'INC-20261110-0007' })).toHaveAttribute('href', '/incidents/INC-20261110-0007');
    expect(within(row).getByText('10m 00s')).toBeInTheDocument();
    expect(within(row).getByText('2h 00m')).toBeInTheDocument();
    expect(screen.getByText('Incidents: escalated')).toBeInTheDocument();
    const call = stub.callsTo('GET', '/api/kpi/incidents').at(-1)!;
    expect(call.query.get('figure')).toBe('escalated');
    expect(call.query.get('month')).toBe('2026-11');
    expect(call.query.get('team')).toBe('payments');

    // a service's availability drills down to its outages
    fireEvent.click(within(screen.getByTestId('kpi-availability-checkout')).getByRole('button', { name: 'checkout' }));
    await waitFor(() => expect(stub.callsTo('GET', '/api/kpi/incidents').at(-1)!.query.get('figure')).toBe('outage'));
    expect(stub.callsTo('GET', '/api/kpi/incidents').at(-1)!.query.get('service')).toBe('checkout');
  });

  it('filters by service and priority through the address', async () => {
    const stub = stubApi(routes());
    renderPage(<KpiDashboardPage />, { route: '/kpi?month=2026-11' });
    await screen.findByTestId('kpi-card-incidents');
    fireEvent.mouseDown(screen.getByLabelText('Service'));
    fireEvent.click(await screen.findByTitle('checkout'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/kpi/summary').at(-1)!.query.get('service')).toBe('checkout'));
    expect(screen.getByTestId('location').textContent).toBe('/kpi?month=2026-11&service=checkout');
    expect(screen.getByTestId('kpi-export-pdf')).toHaveAttribute('href', '/api/kpi/report?month=2026-11&service=checkout&format=pdf');
  });

  it('tells people outside the teams of services why they see nothing, in Chinese too', async () => {
    stubApi(
      routes({
        'GET /api/kpi/options': problem(403, 'no'),
        'GET /api/kpi/summary': problem(403, 'no'),
      }),
    );
    renderPage(<KpiDashboardPage />, { route: '/kpi?month=2026-11', language: 'zh' });
    expect(await screen.findByTestId('kpi-error')).toHaveTextContent('运维指标仅对事件经理、审计员、管理员和服务所属团队开放。');
    expect(screen.queryByTestId('kpi-card-incidents')).not.toBeInTheDocument();
  });
});
