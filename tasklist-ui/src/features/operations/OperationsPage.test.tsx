import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import OperationsPage from './OperationsPage';

configure({ asyncUtilTimeout: 5000 });
afterEach(() => vi.unstubAllGlobals());

const OPERATOR = { ...ME, username: 'op', groups: ['operators'], roles: ['OPERATOR'] };

const row = (key: string, hasIncident = false) => ({
  processInstanceKey: key,
  processDefinitionId: 'incident-management',
  processName: 'Incident',
  version: 2,
  processDefinitionKey: '77',
  state: 'ACTIVE',
  hasIncident,
  startDate: '2026-12-01T10:00:00Z',
  endDate: null,
});

describe('OperationsPage', () => {
  it('shows definitions with counts, filters from the address and pages with the cursor', async () => {
    const stub = stubApi({
      'GET /api/me': OPERATOR,
      'GET /api/operations/definitions': [
        { processDefinitionId: 'incident-management', name: 'Incident', version: 2, processDefinitionKey: '77', active: 5, withIncident: 2, completed: 9 },
      ],
      'GET /api/operations/instances': (call: Call) =>
        call.query.get('after') === 'c1'
          ? { items: [row('3')], total: 3 }
          : { items: [row('1', true), row('2')], total: 3, next: 'c1' },
    });
    renderPage(<OperationsPage />, { route: '/operations?processDefinitionId=incident-management&withIncident=true' });

    expect(await screen.findByTestId('instance-1')).toBeInTheDocument();
    // the definition's counts: 5 active, 2 with an incident (a link to that filter), 9 completed
    expect(await screen.findByText('9')).toBeInTheDocument();
    expect(screen.getByText('5')).toBeInTheDocument();
    expect(screen.getAllByText('2').some((e) => e.closest('.ant-typography-danger'))).toBe(true);
    const first = stub.callsTo('GET', '/api/operations/instances')[0];
    expect(first.query.get('processDefinitionId')).toBe('incident-management');
    expect(first.query.get('withIncident')).toBe('true');
    expect(first.query.get('after')).toBeNull();

    fireEvent.click(screen.getByTestId('next-page'));
    expect(await screen.findByTestId('instance-3')).toBeInTheDocument();
    await waitFor(() => expect(stub.callsTo('GET', '/api/operations/instances').at(-1)?.query.get('after')).toBe('c1'));
    expect(screen.getByTestId('next-page')).toBeDisabled();
  });

  it('shows counts past the search bound of 10,000 as lower bounds', async () => {
    stubApi({
      'GET /api/me': OPERATOR,
      'GET /api/operations/definitions': [
        { processDefinitionId: 'incident-management', name: 'Incident', version: 2, processDefinitionKey: '77', active: 10000, withIncident: 4,
          completed: 10000, atLeast: ['active', 'completed'] },
      ],
      'GET /api/operations/instances': { items: [row('1')], total: 10000, hasMoreTotal: true, next: 'c1' },
      'GET /api/operations/batches': [],
    });
    renderPage(<OperationsPage />, { route: '/operations' });

    expect(await screen.findByTestId('instance-1')).toBeInTheDocument();
    expect(screen.getByTestId('instances-total').textContent).toContain('10000+');
    expect(await screen.findAllByText('10000+')).toHaveLength(2);
    expect(screen.getByText('4')).toBeInTheDocument();
  });

  it('starts a batch operation over the filter and shows its progress', async () => {
    let batches: unknown[] = [];
    const stub = stubApi({
      'GET /api/me': OPERATOR,
      'GET /api/operations/definitions': [
        { processDefinitionId: 'incident-management', name: 'Incident', version: 2, processDefinitionKey: '77', active: 5, withIncident: 2, completed: 9 },
      ],
      'GET /api/operations/instances': { items: [row('1', true), row('2')], total: 2 },
      'GET /api/operations/batches': () => batches,
      'POST /api/operations/batches': () => {
        batches = [{ key: '9001', type: 'resolve-incidents', state: 'COMPLETED', total: 2, completed: 1, failed: 1, startDate: '2026-12-04T06:00:00Z', endDate: null, failures: [] }];
        return batches[0];
      },
    });
    renderPage(<OperationsPage />, { route: '/operations?processDefinitionId=incident-management&withIncident=true' });
    expect(await screen.findByTestId('instance-1')).toBeInTheDocument();

    fireEvent.click(await screen.findByTestId('start-batch'));
    fireEvent.mouseDown(within(await screen.findByTestId('batch-type')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('Resolve their incidents'));
    fireEvent.change(screen.getByTestId('batch-reason'), { target: { value: 'the CMDB is back' } });
    fireEvent.click(document.getElementById('confirm-batch') as HTMLElement);

    await waitFor(() => expect(stub.callsTo('POST', '/api/operations/batches')).toHaveLength(1));
    const sent = JSON.parse(stub.callsTo('POST', '/api/operations/batches')[0].body ?? '{}') as Record<string, unknown>;
    expect(sent.type).toBe('resolve-incidents');
    expect(sent.reason).toBe('the CMDB is back');
    expect(sent.filter).toEqual({ processDefinitionId: 'incident-management', withIncident: true });
    const batch = await screen.findByTestId('batch-9001', {}, { timeout: 5000 });
    expect(batch).toHaveTextContent('1 done, 1 failed of 2');
    // the batch ended: the list is read again to show its effect
    await waitFor(() => expect(stub.callsTo('GET', '/api/operations/instances').length).toBeGreaterThan(1));
  });
});
