import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, json, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ServicesPage from './ServicesPage';
import { silenceState } from './SilencesPanel';
import { integrationEndpoint, type Integration, type Service, type Silence } from './servicesApi';

// antd's validation messages and dialogs animate in: slow on a busy build machine
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const ADMIN = { ...ME, username: 'admin', groups: ['admins'], roles: ['ADMIN'] };

const BOOKING: Service = {
  name: 'booking',
  displayName: 'Appointment booking',
  serviceClass: 'core',
  ownerGroup: 'booking-team',
  tier1Group: 'tier1-oncall',
  tier2Group: 'tier2',
  tier3Group: 'experts',
  calendarId: 'default',
  labelRules: [{ label: 'service', value: 'booking' }],
};

const INTEGRATION: Integration = {
  id: 'i-1',
  type: 'alertmanager',
  name: 'Prometheus prod',
  service: 'booking',
  heartbeatInterval: null,
  createdAt: '2026-03-01T08:00:00Z',
  lastSeenAt: null,
};

const SILENCE: Silence = {
  id: 's-1',
  service: 'booking',
  startsAt: new Date(Date.now() - 3600_000).toISOString(),
  endsAt: new Date(Date.now() + 3600_000).toISOString(),
  reason: 'Database upgrade',
  matchers: [{ label: 'alertname', value: 'BookingLatency' }],
  createdBy: 'admin',
};

function adminApi(extra: Record<string, unknown> = {}) {
  return stubApi({
    'GET /api/me': ADMIN,
    'GET /api/admin/services': [BOOKING, { ...BOOKING, name: 'payments', displayName: null, serviceClass: 'support', labelRules: [] }],
    'GET /api/admin/groups': [{ name: 'tier1-oncall' }, { name: 'tier2' }, { name: 'experts' }, { name: 'booking-team' }],
    'GET /api/admin/calendars': [{ id: 'default' }, { id: 'shanghai-24x7' }],
    'GET /api/admin/integrations': [INTEGRATION, { ...INTEGRATION, id: 'i-2', name: 'Payments beat', service: 'payments', type: 'heartbeat', heartbeatInterval: 'PT5M' }],
    'GET /api/admin/silences': [SILENCE],
    ...extra,
  });
}

async function pick(testId: string, title: string) {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole('combobox'));
  const options = await screen.findAllByTitle(title);
  fireEvent.click(options.at(-1)!);
}

describe('ServicesPage', () => {
  it('lists the services with class, owner, tiers and label rules', async () => {
    adminApi();
    renderPage(<ServicesPage />, { route: '/admin/services' });
    const row = await screen.findByTestId('service-row-booking');
    expect(within(row).getByText('Appointment booking')).toBeInTheDocument();
    expect(within(row).getByText('Core')).toBeInTheDocument();
    expect(within(row).getByText('booking-team')).toBeInTheDocument();
    expect(within(row).getByText('experts')).toBeInTheDocument();
    expect(within(screen.getByTestId('service-row-payments')).getByText('Support')).toBeInTheDocument();
  });

  it('creates a service, showing the server’s field errors on the fields', async () => {
    let attempts = 0;
    const stub = adminApi({
      'POST /api/admin/services': () =>
        ++attempts === 1
          ? problem(400, 'Invalid service', [
              { field: 'name', reason: 'already exists' },
              { field: 'labelRules[0].value', reason: 'must not be blank' },
            ])
          : json({ ...BOOKING, name: 'records' }, 201),
    });
    renderPage(<ServicesPage />, { route: '/admin/services' });
    await screen.findByTestId('service-row-booking');
    fireEvent.click(screen.getByTestId('create-service'));
    const dialog = await screen.findByTestId('service-dialog');
    fireEvent.change(within(dialog).getByTestId('service-name'), { target: { value: 'records' } });
    fireEvent.change(within(dialog).getByTestId('service-display-name'), { target: { value: 'Health records' } });
    await pick('service-class', 'Core · 99.9 % availability');
    await pick('service-tier1Group', 'tier1-oncall');
    fireEvent.click(within(dialog).getByTestId('service-rules-add'));
    fireEvent.change(await within(dialog).findByTestId('service-rules-label-0'), { target: { value: 'job' } });
    fireEvent.change(within(dialog).getByTestId('service-rules-value-0'), { target: { value: 'records-api' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('already exists')).toBeInTheDocument();
    expect(within(dialog).getByText('must not be blank')).toBeInTheDocument();
    expect(JSON.parse(stub.callsTo('POST', '/api/admin/services')[0].body!)).toEqual({
      name: 'records',
      displayName: 'Health records',
      serviceClass: 'core',
      ownerGroup: null,
      tier1Group: 'tier1-oncall',
      tier2Group: null,
      tier3Group: null,
      calendarId: 'default',
      labelRules: [{ label: 'job', value: 'records-api' }],
    });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved “records”.')).toBeInTheDocument();
    await waitFor(() => expect(stub.callsTo('GET', '/api/admin/services')).toHaveLength(2));
  });

  it('edits a service with PUT and deletes one after confirmation', async () => {
    const stub = adminApi({
      'PUT /api/admin/services/booking': () => json(BOOKING),
      'DELETE /api/admin/services/payments': () => new Response(null, { status: 204 }),
    });
    renderPage(<ServicesPage />, { route: '/admin/services' });
    fireEvent.click(await screen.findByTestId('edit-service-booking'));
    const dialog = await screen.findByTestId('service-dialog');
    await waitFor(() => expect(within(dialog).getByTestId('service-name')).toHaveValue('booking'));
    expect(within(dialog).getByTestId('service-name')).toBeDisabled();
    fireEvent.change(within(dialog).getByTestId('service-calendar'), { target: { value: 'shanghai-24x7' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stub.callsTo('PUT', '/api/admin/services/booking')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('PUT', '/api/admin/services/booking')[0].body!)).toMatchObject({
      name: 'booking',
      calendarId: 'shanghai-24x7',
      tier3Group: 'experts',
      labelRules: [{ label: 'service', value: 'booking' }],
    });

    fireEvent.click(screen.getByTestId('delete-service-payments'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.callsTo('DELETE', '/api/admin/services/payments')).toHaveLength(1));
    expect(await screen.findByText('Deleted “payments”.')).toBeInTheDocument();
  });

  it('creates an integration and shows its token and address once', async () => {
    const stub = adminApi({
      'POST /api/admin/integrations': () => json({ ...INTEGRATION, id: 'i-3', type: 'events-v2', name: 'Sentry', token: 'tok-secret-123' }, 201),
    });
    renderPage(<ServicesPage />, { route: '/admin/services?tab=integrations&service=booking' });
    const row = await screen.findByTestId('integration-row-i-1');
    expect(within(row).getByText('Prometheus Alertmanager')).toBeInTheDocument();
    // filtered to the service of the address
    expect(screen.queryByTestId('integration-row-i-2')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('create-integration'));
    const dialog = await screen.findByTestId('integration-dialog');
    await pick('integration-type', 'Events API v2');
    fireEvent.change(within(dialog).getByTestId('integration-name'), { target: { value: 'Sentry' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    const tokenDialog = await screen.findByTestId('integration-token-dialog');
    expect(JSON.parse(stub.callsTo('POST', '/api/admin/integrations')[0].body!)).toEqual({ type: 'events-v2', name: 'Sentry', service: 'booking' });
    expect(within(tokenDialog).getByTestId('integration-token')).toHaveTextContent('tok-secret-123');
    expect(within(tokenDialog).getByTestId('integration-url')).toHaveTextContent(`${window.location.origin}/api/integrations/events/v2/enqueue`);
    expect(within(tokenDialog).getByTestId('integration-routing-key')).toHaveTextContent('tok-secret-123');
    expect(within(tokenDialog).getByText('Copy the address now: the token is shown only this once.')).toBeInTheDocument();
    expect(within(tokenDialog).getAllByRole('button', { name: /copy/i }).length).toBeGreaterThanOrEqual(2);

    fireEvent.click(within(tokenDialog).getByTestId('integration-done'));
    await waitFor(() => expect(screen.queryByText('tok-secret-123')).not.toBeInTheDocument());
    await waitFor(() => expect(stub.callsTo('GET', '/api/admin/integrations')).toHaveLength(2));
  });

  it('asks a heartbeat integration for its interval, and deletes integrations', async () => {
    const stub = adminApi({
      'POST /api/admin/integrations': () => json({ ...INTEGRATION, id: 'i-4', type: 'heartbeat', name: 'Nightly', heartbeatInterval: 'PT1H', token: 'hb-1' }, 201),
      'DELETE /api/admin/integrations/i-1': () => new Response(null, { status: 204 }),
    });
    renderPage(<ServicesPage />, { route: '/admin/services?tab=integrations' });
    await screen.findByTestId('integration-row-i-2');
    fireEvent.click(screen.getByTestId('create-integration'));
    const dialog = await screen.findByTestId('integration-dialog');
    await pick('integration-type', 'Heartbeat');
    fireEvent.change(within(dialog).getByTestId('integration-name'), { target: { value: 'Nightly' } });
    await pick('integration-service', 'Appointment booking (booking)');
    fireEvent.change(await within(dialog).findByTestId('integration-interval'), { target: { value: 'every hour' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('An ISO 8601 duration such as PT5M or PT1H')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId('integration-interval'), { target: { value: 'PT1H' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const tokenDialog = await screen.findByTestId('integration-token-dialog');
    expect(JSON.parse(stub.callsTo('POST', '/api/admin/integrations')[0].body!)).toEqual({
      type: 'heartbeat',
      name: 'Nightly',
      service: 'booking',
      heartbeatInterval: 'PT1H',
    });
    expect(within(tokenDialog).getByTestId('integration-url')).toHaveTextContent('/api/integrations/heartbeat/hb-1');
    expect(within(tokenDialog).getByText('Have the monitored job call this address at least every PT1H.')).toBeInTheDocument();
    fireEvent.click(within(tokenDialog).getByTestId('integration-done'));

    fireEvent.click(screen.getByTestId('delete-integration-i-1'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.callsTo('DELETE', '/api/admin/integrations/i-1')).toHaveLength(1));
  });

  it('lists maintenance windows and deletes one after confirmation', async () => {
    const stub = adminApi({ 'DELETE /api/admin/silences/s-1': () => new Response(null, { status: 204 }) });
    renderPage(<ServicesPage />, { route: '/admin/services?tab=silences' });
    const row = await screen.findByTestId('silence-row-s-1');
    expect(within(row).getByText('active')).toBeInTheDocument();
    expect(within(row).getByText('Database upgrade')).toBeInTheDocument();
    expect(within(row).getByText('alertname=BookingLatency')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('delete-silence-s-1'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.callsTo('DELETE', '/api/admin/silences/s-1')).toHaveLength(1));
    expect(await screen.findByText('The maintenance window was deleted.')).toBeInTheDocument();
  });

  it('creates a maintenance window with matchers; the server’s errors on its ends land on the window', async () => {
    let attempts = 0;
    const stub = adminApi({
      'POST /api/admin/silences': () =>
        ++attempts === 1 ? problem(400, 'Invalid', [{ field: 'endsAt', reason: 'must be after startsAt' }]) : json({ ...SILENCE, id: 's-2' }, 201),
    });
    renderPage(<ServicesPage />, { route: '/admin/services?tab=silences&service=payments' });
    await screen.findByTestId('silences-table');
    fireEvent.click(screen.getByTestId('create-silence'));
    const dialog = await screen.findByTestId('silence-dialog');
    const [from, to] = within(dialog).getAllByRole('textbox').filter((input) => input.closest('.ant-picker'));
    fireEvent.mouseDown(from);
    fireEvent.change(from, { target: { value: '2026-03-07 22:00' } });
    fireEvent.keyDown(from, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(to, { target: { value: '2026-03-08 02:00' } });
    fireEvent.keyDown(to, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(within(dialog).getByTestId('silence-reason'), { target: { value: 'Payment provider maintenance' } });
    fireEvent.click(within(dialog).getByTestId('silence-matchers-add'));
    fireEvent.change(await within(dialog).findByTestId('silence-matchers-label-0'), { target: { value: 'severity' } });
    fireEvent.change(within(dialog).getByTestId('silence-matchers-value-0'), { target: { value: 'warning' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(stub.callsTo('POST', '/api/admin/silences')).toHaveLength(1));
    expect(await within(dialog).findByText('must be after startsAt')).toBeInTheDocument();
    const body = JSON.parse(stub.callsTo('POST', '/api/admin/silences')[0].body!);
    expect(body).toMatchObject({ service: 'payments', reason: 'Payment provider maintenance', matchers: [{ label: 'severity', value: 'warning' }] });
    expect(new Date(body.endsAt).getTime() - new Date(body.startsAt).getTime()).toBe(4 * 3600_000);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The maintenance window was saved.')).toBeInTheDocument();
  });
});

describe('integration addresses and silence states', () => {
  it('puts the token where each alert source expects it', () => {
    expect(integrationEndpoint('alertmanager', 'a b', 'https://ops.example')).toEqual({ url: 'https://ops.example/api/integrations/alertmanager/a%20b' });
    expect(integrationEndpoint('events-v2', 'k1', 'https://ops.example')).toEqual({
      url: 'https://ops.example/api/integrations/events/v2/enqueue',
      routingKey: 'k1',
    });
    expect(integrationEndpoint('heartbeat', 'h1', '')).toEqual({ url: '/api/integrations/heartbeat/h1' });
  });

  it('tells scheduled, active and over windows apart', () => {
    const window = { startsAt: '2026-03-07T14:00:00Z', endsAt: '2026-03-07T18:00:00Z' };
    expect(silenceState(window, Date.parse('2026-03-07T13:59:00Z'))).toBe('scheduled');
    expect(silenceState(window, Date.parse('2026-03-07T14:00:00Z'))).toBe('active');
    expect(silenceState(window, Date.parse('2026-03-07T18:00:00Z'))).toBe('expired');
  });
});
