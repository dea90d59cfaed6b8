import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, json, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import TaskDetailPage from './TaskDetailPage';
import type { TaskDetail } from './tasksApi';

afterEach(() => {
  vi.unstubAllGlobals();
});

const FORM = {
  type: 'default',
  id: 'people-demo-acknowledge',
  schemaVersion: 16,
  components: [
    { id: 'Field_summary', key: 'summary', label: 'Summary', type: 'textfield', validate: { required: true } },
    { id: 'Field_impacted', key: 'impactedUsers', label: 'Impacted users', type: 'number', validate: { min: 0 } },
    {
      id: 'Field_severity',
      key: 'severity',
      label: 'Severity',
      type: 'select',
      values: [
        { label: 'Low', value: 'low' },
        { label: 'Medium', value: 'medium' },
        { label: 'High', value: 'high' },
      ],
    },
    { id: 'Field_phone', key: 'contactPhone', label: 'Contact phone', type: 'textfield', properties: { sensitive: 'true' } },
  ],
};

function detail(changes: Partial<TaskDetail> = {}): TaskDetail {
  return {
    key: '42',
    name: 'Acknowledge alert',
    processDefinitionId: 'people-demo',
    processName: 'People demo',
    processInstanceKey: '2251799813685249',
    businessKey: 'ALERT-7',
    elementId: 'acknowledge',
    assignee: 'tier1',
    candidateGroups: ['tier1-oncall'],
    candidateUsers: [],
    priority: 50,
    creationDate: '2025-03-01T10:00:00Z',
    dueDate: null,
    followUpDate: null,
    state: 'CREATED',
    hasForm: true,
    variables: { summary: 'Disk full on db-1', impactedUsers: 3, severity: 'high' },
    form: FORM,
    canClaim: false,
    canUnclaim: true,
    canComplete: true,
    canAssign: false,
    ...changes,
  };
}

const fieldOf = (label: string) => screen.getByLabelText(label, { exact: false }).closest('.fjs-form-field') as HTMLElement;

describe('TaskDetailPage', () => {
  it('renders the form prefilled with the task variables', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/tasks/42': detail() });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key' });
    expect(await screen.findByTestId('task-title')).toHaveTextContent('Acknowledge alert');
    const summary = (await screen.findByLabelText('Summary', { exact: false })) as HTMLInputElement;
    expect(summary.value).toBe('Disk full on db-1');
    expect((screen.getByLabelText('Impacted users', { exact: false }) as HTMLInputElement).value).toBe('3');
    expect(screen.getByText('ALERT-7')).toBeInTheDocument();
  });

  it('shows the server’s 400 field errors on the fields and in a message', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/tasks/42': detail(),
      'POST /api/tasks/42/complete': () =>
        problem(400, 'Invalid form data', [
          { field: 'variables.impactedUsers', reason: 'must be at least 0' },
          { field: 'variables.severity', reason: 'not one of low, medium, high' },
        ]),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key' });
    await screen.findByLabelText('Summary', { exact: false });
    // as a person would: form-js settles its fields (debounced by 300 ms) before anyone clicks
    await new Promise((resolve) => setTimeout(resolve, 600));

    fireEvent.click(screen.getByTestId('complete'));

    const alert = await screen.findByTestId('task-errors');
    expect(alert).toHaveTextContent('Some fields need attention');
    expect(within(alert).getByText('Impacted users')).toBeInTheDocument();
    expect(alert).toHaveTextContent('not one of low, medium, high');
    await waitFor(() => expect(fieldOf('Impacted users')).toHaveTextContent('must be at least 0'));
    expect(fieldOf('Severity')).toHaveTextContent('not one of low, medium, high');
    expect(fieldOf('Summary')).not.toHaveTextContent('must be');

    const [complete] = stub.callsTo('POST', '/api/tasks/42/complete');
    expect(JSON.parse(complete.body!)).toEqual({
      variables: expect.objectContaining({ summary: 'Disk full on db-1', impactedUsers: 3, severity: 'high' }),
    });
    expect(screen.getByTestId('location')).toHaveTextContent('/tasks/42');
  });

  it('refuses to send a form that misses a required field', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/tasks/42': detail({ variables: {} }),
      'POST /api/tasks/42/complete': () => new Response(null, { status: 204 }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key' });
    await screen.findByLabelText('Summary', { exact: false });
    fireEvent.click(screen.getByTestId('complete'));
    expect(await screen.findByText('Please correct the marked fields.')).toBeInTheDocument();
    expect(stub.callsTo('POST', '/api/tasks/42/complete')).toHaveLength(0);
  });

  it('completes and goes back to the inbox', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/tasks/42': detail(),
      'POST /api/tasks/42/complete': () => new Response(null, { status: 204 }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key' });
    const summary = await screen.findByLabelText('Summary', { exact: false });
    fireEvent.input(summary, { target: { value: 'Cleaned up' } });
    fireEvent.blur(summary);
    fireEvent.click(screen.getByTestId('complete'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/inbox$/));
    const [complete] = stub.callsTo('POST', '/api/tasks/42/complete');
    expect(JSON.parse(complete.body!).variables.summary).toBe('Cleaned up');
  });

  it('shows the variables of a task without form read-only and completes it', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/tasks/43': detail({ key: '43', form: null, hasForm: false, variables: { host: 'db-1', load: { cpu: 0.9 } } }),
      'POST /api/tasks/43/complete': () => new Response(null, { status: 204 }),
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/43', path: '/tasks/:key' });
    const variables = await screen.findByTestId('task-variables');
    expect(within(variables).getByText('db-1')).toBeInTheDocument();
    expect(variables).toHaveTextContent('"cpu": 0.9');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('complete'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/inbox$/));
    expect(JSON.parse(stub.callsTo('POST', '/api/tasks/43/complete')[0].body!)).toEqual({ variables: {} });
  });

  it('offers claim on an unclaimed task and keeps completing closed until then', async () => {
    let claimed = false;
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/tasks/42': () =>
        json(detail(claimed ? {} : { assignee: null, canClaim: true, canUnclaim: false, canComplete: false })),
      'POST /api/tasks/42/claim': () => {
        claimed = true;
        return new Response(null, { status: 204 });
      },
    });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key' });
    expect(await screen.findByTestId('task-notice')).toHaveTextContent('Claim the task to work on it.');
    expect(screen.getByTestId('complete')).toBeDisabled();
    fireEvent.click(screen.getByTestId('claim'));
    await waitFor(() => expect(screen.getByTestId('complete')).toBeEnabled());
    expect(stub.callsTo('POST', '/api/tasks/42/claim')).toHaveLength(1);
    expect(screen.queryByTestId('claim')).not.toBeInTheDocument();
    expect(screen.getByTestId('unclaim')).toBeInTheDocument();
  });

  it('reports a task that does not exist', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/tasks/99': () => problem(404, 'no such task') });
    renderPage(<TaskDetailPage />, { route: '/tasks/99', path: '/tasks/:key' });
    expect(await screen.findByText('This task does not exist or is already completed.')).toBeInTheDocument();
  });
});

describe('TaskDetailPage in Chinese', () => {
  it('shows the form’s own validation messages in Chinese', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/tasks/42': detail({ variables: { impactedUsers: -2 } }) });
    renderPage(<TaskDetailPage />, { route: '/tasks/42', path: '/tasks/:key', language: 'zh' });
    await screen.findByLabelText('Summary', { exact: false });
    fireEvent.click(screen.getByTestId('complete'));
    await waitFor(() => expect(fieldOf('Summary')).toHaveTextContent('此项为必填。'));
    expect(fieldOf('Impacted users')).toHaveTextContent('不能小于 0。');
    expect(await screen.findByText('请修改标出的字段。')).toBeInTheDocument();
  });
});
