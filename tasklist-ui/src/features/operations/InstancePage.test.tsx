import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import InstancePage from './InstancePage';

configure({ asyncUtilTimeout: 5000 });
afterEach(() => vi.unstubAllGlobals());

// bpmn-js does not draw in jsdom: the diagram is checked in the browser scenario
vi.mock('./OpsDiagram', () => ({ default: () => <div data-testid="instance-diagram" /> }));

const detail = {
  instance: {
    processInstanceKey: '42',
    processDefinitionId: 'incident-management',
    processName: 'Incident',
    version: 1,
    processDefinitionKey: '7',
    state: 'ACTIVE',
    hasIncident: true,
    startDate: '2026-12-01T10:00:00Z',
    endDate: null,
  },
  elements: [
    { elementInstanceKey: '50', elementId: 'notify', elementName: 'Notify', type: 'SERVICE_TASK', state: 'ACTIVE', startDate: null, endDate: null, incidentKey: '9' },
  ],
  incidents: [
    { incidentKey: '9', elementId: 'notify', elementInstanceKey: '50', jobKey: '60', errorType: 'JOB_NO_RETRIES', errorMessage: 'DingTalk answered 500', state: 'ACTIVE', creationTime: '2026-12-01T10:01:00Z' },
  ],
  variables: [{ variableKey: '70', name: 'severity', value: '"P9"', scopeKey: '42' }],
  counts: { notify: { active: 1, completed: 0, terminated: 0, incidents: 1 } },
  truncated: false,
};

function api(roles: string[]) {
  return stubApi({
    'GET /api/me': { ...ME, roles },
    'GET /api/operations/instances/42': detail,
    'GET /api/operations/definitions/7/xml': () => new Response('<definitions/>', { status: 200 }),
    'POST /api/operations/instances/42/variables': () => new Response(null, { status: 204 }),
    'POST /api/operations/incidents/9/retry': () => new Response(null, { status: 204 }),
    'POST /api/operations/instances/42/cancellation': () => problem(400, 'reason: say why', [{ field: 'reason', reason: 'say why' }]),
    'GET /api/operations/definitions': [
      { processDefinitionId: 'incident-management', name: 'Incident', version: 1, processDefinitionKey: '7', active: 1, withIncident: 1, completed: 0 },
      { processDefinitionId: 'incident-management', name: 'Incident', version: 2, processDefinitionKey: '8', active: 0, withIncident: 0, completed: 0 },
    ],
    'POST /api/operations/instances/42/migration': () => new Response(null, { status: 204 }),
  });
}

describe('InstancePage', () => {
  it('shows the incident with its message; an operator fixes the variable and retries, each with a reason', async () => {
    const stub = api(['OPERATOR']);
    renderPage(<InstancePage />, { route: '/operations/instances/42', path: '/operations/instances/:key' });

    expect(await screen.findByTestId('incident-message-notify')).toHaveTextContent('DingTalk answered 500');
    fireEvent.click(screen.getByTestId('edit-variable-severity'));
    fireEvent.change(await screen.findByTestId('variable-value'), { target: { value: '"P1"' } });
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'typo in the alert rule' } });
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/operations/instances/42/variables')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', '/api/operations/instances/42/variables')[0].body as string)).toEqual({
      variables: { severity: 'P1' },
      reason: 'typo in the alert rule',
    });

    fireEvent.click(await screen.findByTestId('retry-notify'));
    fireEvent.change(await screen.findByTestId('reason'), { target: { value: 'DingTalk is back' } });
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/operations/incidents/9/retry')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', '/api/operations/incidents/9/retry')[0].body as string)).toEqual({ retries: 1, reason: 'DingTalk is back' });
  });

  it('gives auditors no repair buttons', async () => {
    api(['AUDITOR']);
    renderPage(<InstancePage />, { route: '/operations/instances/42', path: '/operations/instances/:key' });
    expect(await screen.findByTestId('incident-message-notify')).toBeInTheDocument();
    expect(screen.queryByTestId('retry-notify')).toBeNull();
    expect(screen.queryByTestId('edit-variable-severity')).toBeNull();
    expect(screen.queryByTestId('cancel-instance')).toBeNull();
    expect(screen.queryByTestId('migrate')).toBeNull();
  });

  it('migrates to another version with each active element mapped, with a reason', async () => {
    const stub = api(['OPERATOR']);
    renderPage(<InstancePage />, { route: '/operations/instances/42', path: '/operations/instances/:key' });
    fireEvent.click(await screen.findByTestId('migrate'));
    expect(await screen.findByTestId('mapping-source-0')).toHaveValue('notify');
    fireEvent.change(screen.getByTestId('mapping-target-0'), { target: { value: 'notifyTeam' } });
    fireEvent.mouseDown(within(screen.getByTestId('migration-target')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('incident-management v2'));
    fireEvent.change(screen.getByTestId('reason'), { target: { value: 'version 2 pages the team' } });
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/operations/instances/42/migration')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', '/api/operations/instances/42/migration')[0].body as string)).toEqual({
      targetProcessDefinitionKey: '8',
      mappingInstructions: [{ sourceElementId: 'notify', targetElementId: 'notifyTeam' }],
      reason: 'version 2 pages the team',
    });
  });
});
