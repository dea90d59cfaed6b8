import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, within } from '@testing-library/react';
import { ME, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import { SimilarDocuments } from './SimilarDocuments';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const result = (id: number, type: string, title: string) => ({
  document: { id, type, title, services: [], tags: [], incidentNumber: null, version: 1, updatedBy: 'a', updatedAt: '2026-11-05T02:00:00Z' },
  score: 1,
  highlights: {},
});

describe('SimilarDocuments', () => {
  it('lists the reviews of similar incidents, then the runbooks', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/incidents/INC-20261101-0042/similar': {
        incidentNumber: 'INC-20261101-0042',
        service: 'checkout',
        labelWords: ['CheckoutErrors'],
        incidents: [result(3, 'post-incident-review', 'Post-incident review INC-20261001-0007')],
        runbooks: [result(4, 'runbook', 'CheckoutErrors 处理')],
      },
    });
    renderPage(<SimilarDocuments incidentNumber="INC-20261101-0042" />);
    const card = await screen.findByTestId('similar-documents');
    const links = within(card).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['Post-incident review INC-20261001-0007', 'CheckoutErrors 处理']);
    expect(links[1]).toHaveAttribute('href', '/knowledge/4');
    expect(within(card).getByText('Runbook')).toBeInTheDocument();
  });
});
