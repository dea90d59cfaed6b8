import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, eventStream, json, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import InboxPage from './InboxPage';
import type { TaskSummary } from './tasksApi';

afterEach(() => {
  vi.unstubAllGlobals();
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

function task(key: string, changes: Partial<TaskSummary> = {}): TaskSummary {
  return {
    key,
    name: `Task ${key}`,
    processDefinitionId: 'people-demo',
    processName: 'People demo',
    processInstanceKey: `9${key}`,
    businessKey: `INC-${key}`,
    elementId: 'acknowledge',
    assignee: null,
    candidateGroups: ['tier1-oncall'],
    candidateUsers: [],
    priority: 50,
    creationDate: minutes(-30),
    dueDate: null,
    followUpDate: null,
    state: 'CREATED',
    hasForm: true,
    ...changes,
  };
}

function inboxApi(byView: Record<string, TaskSummary[]>) {
  const stream = eventStream();
  const stub = stubApi({
    'GET /api/me': ME,
    'GET /api/tasks/events': () => stream.response(),
    'GET /api/tasks': (call: Call) => {
      const items = byView[call.query.get('view') ?? 'all'] ?? [];
      return json({ items, total: items.length, page: 0, size: 20, counts: { mine: 1, groups: 2, all: 3 } });
    },
    'POST /api/tasks/2/claim': () => new Response(null, { status: 204 }),
  });
  return { stub, stream };
}

describe('InboxPage', () => {
  it('lists the tasks of the view with their facts, counts and due badges', async () => {
    const { stub } = inboxApi({
      all: [
        task('1', { assignee: 'tier1', dueDate: minutes(-3.5) }),
        task('2', { dueDate: minutes(12.5), candidateGroups: ['tier1-oncall', 'tier2'] }),
        task('3'),
      ],
    });
    renderPage(<InboxPage />, { route: '/inbox' });

    const row1 = await screen.findByTestId('task-row-1');
    expect(within(row1).getByText('Task 1')).toBeInTheDocument();
    expect(within(row1).getByText('People demo')).toBeInTheDocument();
    expect(within(row1).getByText('INC-1')).toBeInTheDocument();
    expect(within(row1).getByText('tier1 (me)')).toBeInTheDocument();
    expect(within(row1).getByTestId('due-badge')).toHaveTextContent('overdue 3 min');
    expect(within(row1).queryByRole('button', { name: 'Claim' })).not.toBeInTheDocument();

    const row2 = screen.getByTestId('task-row-2');
    expect(within(row2).getByTestId('due-badge')).toHaveTextContent('due in 12 min');
    expect(within(row2).getByText('tier2')).toBeInTheDocument();
    expect(within(row2).getByText('Unassigned')).toBeInTheDocument();
    expect(within(row2).getByRole('button', { name: 'Claim' })).toBeInTheDocument();
    expect(within(screen.getByTestId('task-row-3')).queryByTestId('due-badge')).not.toBeInTheDocument();

    expect(screen.getByTestId('count-mine')).toHaveTextContent('1');
    expect(screen.getByTestId('count-groups')).toHaveTextContent('2');
    expect(screen.getByTestId('count-all')).toHaveTextContent('3');

    const [first] = stub.callsTo('GET', '/api/tasks');
    expect(first.query.get('view')).toBe('all');
    expect(first.query.get('sort')).toBe('due');
    expect(first.query.get('page')).toBe('0');
    expect(first.query.get('size')).toBe('20');
  });

  it('switches views through the tabs and keeps the view in the address', async () => {
    const { stub } = inboxApi({ all: [task('1'), task('2')], groups: [task('7', { name: 'Only in my groups' })] });
    renderPage(<InboxPage />, { route: '/inbox' });
    await screen.findByTestId('task-row-1');

    fireEvent.click(screen.getByText('My groups, unclaimed'));

    expect(await screen.findByText('Only in my groups')).toBeInTheDocument();
    expect(screen.queryByTestId('task-row-1')).not.toBeInTheDocument();
    expect(stub.callsTo('GET', '/api/tasks').at(-1)!.query.get('view')).toBe('groups');
    expect(screen.getByTestId('location')).toHaveTextContent('/inbox?view=groups');
  });

  it('passes the filters to the API', async () => {
    const { stub } = inboxApi({ all: [task('1')] });
    renderPage(<InboxPage />, { route: '/inbox?overdue=true&candidateGroup=tier1-oncall' });
    await screen.findByTestId('task-row-1');
    fireEvent.change(screen.getByPlaceholderText('Search name or business key'), { target: { value: 'INC-1' } });
    fireEvent.keyDown(screen.getByPlaceholderText('Search name or business key'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(stub.callsTo('GET', '/api/tasks').at(-1)!.query.get('text')).toBe('INC-1'));
    const last = stub.callsTo('GET', '/api/tasks').at(-1)!;
    expect(last.query.get('overdue')).toBe('true');
    expect(last.query.get('candidateGroup')).toBe('tier1-oncall');
  });

  it('claims a task and reloads; reloads again when the event stream says a task changed', async () => {
    const { stub, stream } = inboxApi({ all: [task('2')] });
    renderPage(<InboxPage />, { route: '/inbox' });
    const row = await screen.findByTestId('task-row-2');
    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveTextContent('Live'));

    fireEvent.click(within(row).getByRole('button', { name: 'Claim' }));
    await screen.findByText('Claimed “Task 2”.');
    const [claim] = stub.callsTo('POST', '/api/tasks/2/claim');
    expect(claim.headers['x-requested-with']).toBe('XMLHttpRequest');
    await waitFor(() => expect(stub.callsTo('GET', '/api/tasks')).toHaveLength(2));

    stream.send('task', { type: 'created', key: '5' });
    await waitFor(() => expect(stub.callsTo('GET', '/api/tasks')).toHaveLength(3), { timeout: 3000 });
  });

  it('shows cards on a phone, with the claim button reachable', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...matchMedia(query), matches: query.includes('max-width: 480px') })) as typeof window.matchMedia;
    try {
      inboxApi({ all: [task('2', { dueDate: minutes(-65) })] });
      renderPage(<InboxPage />, { route: '/inbox' });
      const card = await screen.findByTestId('task-row-2');
      expect(screen.getByTestId('task-cards')).toContainElement(card);
      expect(screen.queryByTestId('task-table')).not.toBeInTheDocument();
      expect(within(card).getByTestId('due-badge')).toHaveTextContent('overdue 1 h 5 min');
      expect(within(card).getByRole('button', { name: 'Claim' })).toBeInTheDocument();
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});
