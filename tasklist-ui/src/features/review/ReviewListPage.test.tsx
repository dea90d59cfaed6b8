import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ReviewListPage from './ReviewListPage';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ReviewListPage', () => {
  it('lists the reviews with status, open and overdue items, and filters by status', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/reviews': (call: Call) =>
        call.query.get('status') === 'closed'
          ? []
          : [
              {
                incidentNumber: 'INC-20261101-0042',
                service: 'checkout',
                priority: 'P1',
                status: 'following-up',
                reviewOwner: 'tier1',
                ownerGroup: 'owners',
                startDue: null,
                actionItems: 3,
                openActionItems: 2,
                overdueActionItems: 1,
                updatedAt: '2026-11-05T02:00:00Z',
              },
            ],
    });
    renderPage(<ReviewListPage />, { route: '/reviews' });
    const row = await screen.findByTestId('review-row-INC-20261101-0042');
    expect(within(row).getByText('Following up')).toBeInTheDocument();
    expect(within(row).getByText('2 open of 3')).toBeInTheDocument();
    expect(within(row).getByText('1 overdue')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'INC-20261101-0042' })).toHaveAttribute('href', '/reviews/INC-20261101-0042');

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByTitle('Closed'));
    await waitFor(() => expect(screen.getByText('No reviews.')).toBeInTheDocument());
    expect(stub.callsTo('GET', '/api/reviews').at(-1)!.query.get('status')).toBe('closed');
  });
});
