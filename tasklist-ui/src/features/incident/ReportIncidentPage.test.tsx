import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { ME, json, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ReportIncidentPage from './ReportIncidentPage';
import { detail } from './testData';

// antd's validation messages and dialogs animate in: slow on a busy build machine
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

function fill() {
  fireEvent.change(screen.getByTestId('report-title'), { target: { value: '  Booking fails  ' } });
  fireEvent.change(screen.getByTestId('report-service'), { target: { value: 'booking' } });
  fireEvent.click(screen.getByTestId('severity-error'));
  fireEvent.change(screen.getByTestId('report-affected'), { target: { value: '120' } });
  fireEvent.click(screen.getByTestId('report-impact'));
  fireEvent.change(screen.getByTestId('report-description'), { target: { value: 'Since 09:55 every booking answers 500.' } });
}

describe('ReportIncidentPage', () => {
  it('explains severity and impact, and checks the required fields before sending', async () => {
    const stub = stubApi({ 'GET /api/me': ME });
    renderPage(<ReportIncidentPage />, { route: '/incidents/new' });
    expect(await screen.findByText('Critical')).toBeInTheDocument();
    expect(screen.getByText(/the service is down or unusable for many users/)).toBeInTheDocument();
    expect(screen.getByText(/personal or health data may be exposed/)).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText('Choose how bad it is')).toBeInTheDocument();
    expect(screen.getAllByText('Required')).toHaveLength(2);
    expect(stub.callsTo('POST', '/api/incidents')).toHaveLength(0);
  });

  it('sends the report and goes to the new incident', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'POST /api/incidents': () => json(detail('INC-20260302-0042'), 201),
    });
    renderPage(<ReportIncidentPage />, { route: '/incidents/new' });
    await screen.findByTestId('report-form');
    fill();
    fireEvent.click(screen.getByTestId('report-submit'));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/incidents/INC-20260302-0042'));
    const [call] = stub.callsTo('POST', '/api/incidents');
    expect(JSON.parse(call.body!)).toEqual({
      title: 'Booking fails',
      description: 'Since 09:55 every booking answers 500.',
      service: 'booking',
      severity: 'error',
      affectedUsers: 120,
      dataOrSafetyImpact: true,
    });
    expect(call.headers['content-type']).toBe('application/json');
  });

  it('shows the server’s field errors on the fields', async () => {
    stubApi({
      'GET /api/me': ME,
      'POST /api/incidents': () =>
        problem(400, 'Invalid incident', [
          { field: 'service', reason: 'no such service: booking' },
          { field: 'affectedUsers', reason: 'must be at most 100000000' },
        ]),
    });
    renderPage(<ReportIncidentPage />, { route: '/incidents/new' });
    await screen.findByTestId('report-form');
    fill();
    fireEvent.click(screen.getByTestId('report-submit'));

    expect(await screen.findByText('no such service: booking')).toBeInTheDocument();
    expect(screen.getByText('must be at most 100000000')).toBeInTheDocument();
    expect(screen.getByTestId('report-error')).toHaveTextContent('Please correct the marked fields.');
    expect(screen.getByTestId('location')).toHaveTextContent('/incidents/new');
  });

  it('offers the catalog’s services to every reporter', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/services': [{ name: 'booking', displayName: 'Appointment booking', serviceClass: 'core', labelRules: [] }],
    });
    renderPage(<ReportIncidentPage />, { route: '/incidents/new' });
    const input = await screen.findByTestId('report-service');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'app' } });
    expect(await screen.findByText('Appointment booking (booking)')).toBeInTheDocument();
  });
});
