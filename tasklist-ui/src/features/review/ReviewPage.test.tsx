import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ReviewPage from './ReviewPage';
import { reviewDetail } from './testData';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const PATH = '/api/reviews/INC-20261101-0042';

function open(detail = reviewDetail(), routes: Record<string, unknown> = {}) {
  const stub = stubApi({ 'GET /api/me': ME, [`GET ${PATH}`]: detail, ...routes });
  renderPage(<ReviewPage />, { route: '/reviews/INC-20261101-0042', path: '/reviews/:number' });
  return stub;
}

describe('ReviewPage', () => {
  it('shows the timeline, the sections still empty and the action items with their state', async () => {
    open(reviewDetail({ actions: [] }));
    expect(await screen.findByText('Event review of INC-20261101-0042')).toBeInTheDocument();
    expect(screen.getByTestId('review-status')).toHaveTextContent('In progress');
    expect(screen.getByText('Acknowledged by tier1')).toBeInTheDocument();
    expect(screen.getByTestId('missing-sections')).toHaveTextContent('Still empty: Contributing factors, What went well.');
    expect(screen.getByDisplayValue('数据库连接池耗尽')).toBeDisabled();

    const first = screen.getByTestId('item-INC-20261101-0042-A1');
    expect(within(first).getByText('overdue')).toBeInTheDocument();
    expect(within(first).getByText('due date moved 1 times')).toBeInTheDocument();
    expect(within(first).getByText('Open')).toBeInTheDocument();
    const second = screen.getByTestId('item-INC-20261101-0042-A2');
    expect(within(second).queryByText('overdue')).not.toBeInTheDocument();
    expect(within(second).getByText('Not done (accepted)')).toBeInTheDocument();
    expect(within(second).getByText('The pool is replaced next month')).toBeInTheDocument();
    expect(screen.queryByText('Edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('approval')).not.toBeInTheDocument();
  });

  it('corrects and hides timeline entries', async () => {
    const edited = reviewDetail();
    edited.timeline[1] = { ...edited.timeline[1], summary: 'Acknowledged by tier1 within 3 minutes', editedBy: 'tier1' };
    const stub = open(reviewDetail(), { [`PUT ${PATH}/timeline/12`]: edited });
    const entry = await screen.findByTestId('timeline-12');
    fireEvent.click(within(entry).getByText('Edit'));
    fireEvent.change(within(entry).getByLabelText('What happened'), { target: { value: 'Acknowledged by tier1 within 3 minutes' } });
    fireEvent.click(within(entry).getByText('Save'));
    // The saved entry replaces the form: wait for the form to close, not for the text, which the form's field also holds.
    await waitFor(() => expect(within(screen.getByTestId('timeline-12')).queryByText('Save')).not.toBeInTheDocument());
    expect(JSON.parse(stub.callsTo('PUT', `${PATH}/timeline/12`)[0].body!)).toEqual({
      summary: 'Acknowledged by tier1 within 3 minutes',
    });
    expect(screen.getByTestId('timeline-12')).toHaveTextContent('Acknowledged by tier1 within 3 minutes');
    expect(screen.getByTestId('timeline-12')).toHaveTextContent('edited by tier1');

    fireEvent.click(within(screen.getByTestId('timeline-11')).getByText('Hide'));
    await waitFor(() => expect(stub.callsTo('PUT', `${PATH}/timeline/11`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('PUT', `${PATH}/timeline/11`)[0].body!)).toEqual({ hidden: true });
  });

  it('saves the sections and shows a refusal on the field it names', async () => {
    const stub = open(reviewDetail(), {
      [`PUT ${PATH}/sections`]: () => problem(400, 'rootCause: must be at most 20000 characters', [
        { field: 'rootCause', reason: 'must be at most 20000 characters' },
      ]),
    });
    fireEvent.change(await screen.findByLabelText('What went well'), { target: { value: 'Failover worked' } });
    fireEvent.click(screen.getByText('Save the sections'));
    expect(await screen.findByText('must be at most 20000 characters')).toBeInTheDocument();
    const body = JSON.parse(stub.callsTo('PUT', `${PATH}/sections`)[0].body!);
    expect(body.wentWell).toBe('Failover worked');
    expect(body.rootCause).toBe('数据库连接池耗尽');
  });

  it('approves, and asks for a comment before requesting changes', async () => {
    const approved = reviewDetail({ status: 'in-approval', actions: [], approvedBy: 'tier1', approvedAt: '2026-11-05T02:00:00Z' });
    const stub = open(reviewDetail({ status: 'in-approval', missingSections: [], actions: ['approve'] }), {
      [`POST ${PATH}/approval`]: (call: Call) => (JSON.parse(call.body!).approved ? approved : problem(409, 'no')),
    });
    const card = await screen.findByTestId('approval');
    fireEvent.click(within(card).getByText('Request changes'));
    expect(await within(card).findByText('Say what is to be changed.')).toBeInTheDocument();
    expect(stub.callsTo('POST', `${PATH}/approval`)).toHaveLength(0);

    fireEvent.click(within(card).getByText('Approve and publish'));
    await waitFor(() => expect(screen.getByText(/Approved by tier1/)).toBeInTheDocument());
    expect(JSON.parse(stub.callsTo('POST', `${PATH}/approval`)[0].body!)).toEqual({ approved: true });
    expect(screen.queryByTestId('approval')).not.toBeInTheDocument();
  });

  it('plans action items while the review is written', async () => {
    const stub = open(reviewDetail({ actionItems: [], actions: ['editSections', 'editTimeline', 'editActionItems'] }), {
      [`PUT ${PATH}/action-items`]: () => problem(400, 'bad', [
        { field: 'items[0].owner', reason: 'must be an enabled user' },
      ]),
    });
    fireEvent.click(await screen.findByText('Add an item'));
    const editor = await screen.findByTestId('item-editor');
    fireEvent.change(within(editor).getByLabelText('What is to be done'), { target: { value: 'Alert on saturation' } });
    fireEvent.change(within(editor).getByLabelText('Owner'), { target: { value: 'ghost' } });
    fireEvent.mouseDown(within(editor).getByLabelText('Due'));
    fireEvent.change(within(editor).getByLabelText('Due'), { target: { value: '2099-01-15' } });
    fireEvent.keyDown(within(editor).getByLabelText('Due'), { key: 'Enter', code: 'Enter' });
    fireEvent.click(screen.getByText('Save the action items'));
    await waitFor(() => expect(stub.callsTo('PUT', `${PATH}/action-items`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('PUT', `${PATH}/action-items`)[0].body!)).toEqual({
      items: [{ title: 'Alert on saturation', owner: 'ghost', dueDate: '2099-01-15', priority: 'medium', type: 'fix' }],
    });
  });

  it('says so when there is no review', async () => {
    stubApi({ 'GET /api/me': ME, [`GET ${PATH}`]: () => problem(404, 'none') });
    renderPage(<ReviewPage />, { route: '/reviews/INC-20261101-0042', path: '/reviews/:number' });
    expect(await screen.findByText('There is no review of INC-20261101-0042.')).toBeInTheDocument();
  });
});
