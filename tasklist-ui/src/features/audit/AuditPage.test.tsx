import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import AuditPage from './AuditPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const AUDITOR = { ...ME, username: 'auditor1', groups: ['auditors'], roles: ['AUDITOR'] };
const ROW = {
  seq: 17,
  occurredAt: '2025-03-01T10:00:00Z',
  actor: 'tier1',
  action: 'TASK_COMPLETED',
  objectType: 'task',
  objectId: '42',
  processInstanceKey: '2251799813685249',
  businessKey: 'ALERT-7',
  taskKey: '42',
  details: { summary: 'Disk full', contactPhone: '***' },
};

describe('AuditPage', () => {
  it('shows the engine events of one seal as rows of their own, each with its log position', async () => {
    const event = (position: number, intent: string) => ({
      seq: 40,
      position,
      occurredAt: '2025-03-01T10:00:00Z',
      actor: 'engine',
      action: `PROCESS_INSTANCE.${intent}`,
      objectType: 'process-instance',
      objectId: '2251799813685249',
      processInstanceKey: '2251799813685249',
      details: { elementId: 'review' },
    });
    stubApi({
      'GET /api/me': AUDITOR,
      'GET /api/audit': { items: [event(12, 'ELEMENT_COMPLETED'), event(11, 'ELEMENT_ACTIVATED')], total: 2 },
    });
    renderPage(<AuditPage />, { route: '/audit' });
    expect(within(await screen.findByTestId('audit-row-40.12')).getByText('PROCESS_INSTANCE.ELEMENT_COMPLETED')).toBeInTheDocument();
    const earlier = screen.getByTestId('audit-row-40.11');
    expect(within(earlier).getByText('PROCESS_INSTANCE.ELEMENT_ACTIVATED')).toBeInTheDocument();
    fireEvent.click(within(earlier).getByText('PROCESS_INSTANCE.ELEMENT_ACTIVATED'));
    const details = await screen.findByTestId('audit-details-40.11');
    expect(details).toHaveTextContent('11');
    expect(details).toHaveTextContent('review');
    expect(screen.queryByTestId('audit-details-40.12')).not.toBeInTheDocument();
  });

  it('searches with the filters, shows details, and exports the same filters', async () => {
    const stub = stubApi({
      'GET /api/me': AUDITOR,
      'GET /api/audit': { items: [ROW], total: 1 },
    });
    renderPage(<AuditPage />, { route: '/audit' });
    const row = await screen.findByTestId('audit-row-17');
    expect(within(row).getByText('TASK_COMPLETED')).toBeInTheDocument();
    expect(stub.callsTo('GET', '/api/audit')[0].query.get('size')).toBe('50');

    fireEvent.change(screen.getByTestId('audit-actor'), { target: { value: 'tier1' } });
    fireEvent.change(screen.getByTestId('audit-task-key'), { target: { value: '42' } });
    fireEvent.change(screen.getByTestId('audit-q'), { target: { value: 'Disk' } });
    fireEvent.click(screen.getByTestId('audit-search'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/audit')).toHaveLength(2));
    const search = stub.callsTo('GET', '/api/audit')[1].query;
    expect(search.get('actor')).toBe('tier1');
    expect(search.get('taskKey')).toBe('42');
    expect(search.get('q')).toBe('Disk');
    expect(search.get('page')).toBe('0');

    const exportLink = screen.getByTestId('audit-export').closest('a')!;
    const exported = new URL(exportLink.getAttribute('href')!, 'http://localhost');
    expect(exported.pathname).toBe('/api/audit/export');
    expect(exported.searchParams.get('actor')).toBe('tier1');
    expect(exported.searchParams.get('taskKey')).toBe('42');
    expect(exported.searchParams.get('q')).toBe('Disk');
    expect(exported.searchParams.has('page')).toBe(false);

    fireEvent.click(within(await screen.findByTestId('audit-row-17')).getByText('tier1'));
    const details = await screen.findByTestId('audit-details-17');
    expect(details).toHaveTextContent('Disk full');
    expect(details).toHaveTextContent('***');
  });

  it('verifies the chain and names the first broken row', async () => {
    let valid = true;
    stubApi({
      'GET /api/me': AUDITOR,
      'GET /api/audit': { items: [], total: 0 },
      'GET /api/audit/verify': () =>
        valid
          ? { valid: true, checked: 120, firstBrokenId: null, firstBrokenSeq: null, reason: null }
          : { valid: false, checked: 57, firstBrokenId: 'a1b2', firstBrokenSeq: 57, reason: 'hash mismatch' },
    });
    renderPage(<AuditPage />, { route: '/audit' });
    fireEvent.click(await screen.findByTestId('audit-verify'));
    expect(await screen.findByTestId('audit-verification')).toHaveTextContent('The chain is intact: 120 rows checked.');
    valid = false;
    fireEvent.click(screen.getByTestId('audit-verify'));
    await waitFor(() =>
      expect(screen.getByTestId('audit-verification')).toHaveTextContent('The chain is broken at row 57 (id a1b2): hash mismatch.'),
    );
  });
});
