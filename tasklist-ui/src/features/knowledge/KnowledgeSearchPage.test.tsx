import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import KnowledgeSearchPage from './KnowledgeSearchPage';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const HIT = {
  document: {
    id: 7,
    type: 'runbook',
    title: '支付网关超时',
    services: ['checkout'],
    tags: ['payments'],
    incidentNumber: null,
    version: 2,
    updatedBy: 'alice',
    updatedAt: '2026-11-05T02:00:00Z',
  },
  score: 3.2,
  highlights: { title: ['支付网关超时'], body: ['先检查数据库<mark>连接</mark><mark>接池</mark> &lt;img src=x onerror=alert(1)&gt;'] },
};

describe('KnowledgeSearchPage', () => {
  it('searches, shows the matches marked and never as HTML, and filters by type and tag', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/knowledge/documents': (call: Call) => ({
        items: call.query.get('q') || call.query.get('tag') ? [HIT] : [],
        total: call.query.get('q') || call.query.get('tag') ? 1 : 0,
        facets: { type: { runbook: 1 }, services: { checkout: 1 }, tags: { payments: 1 } },
      }),
    });
    renderPage(<KnowledgeSearchPage />, { route: '/knowledge', path: '/knowledge' });
    expect(await screen.findByText('Nothing found.')).toBeInTheDocument();

    fireEvent.change(screen.getByPlaceholderText('Search runbooks, handbooks, reviews…'), { target: { value: '连接池' } });
    fireEvent.click(screen.getByRole('button', { name: /Search/ }));
    const hit = await screen.findByTestId('knowledge-hit-7');
    expect(stub.callsTo('GET', '/api/knowledge/documents').at(-1)!.query.get('q')).toBe('连接池');
    const marks = hit.querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['连接', '接池']);
    expect(hit.querySelector('img')).toBeNull();
    expect(within(hit).getByTestId('knowledge-fragment')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(within(hit).getByText('Runbook')).toBeInTheDocument();
    expect(within(hit).getByRole('link', { name: '支付网关超时' })).toHaveAttribute('href', '/knowledge/7');
    expect(screen.getByText('1 documents')).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Type'));
    fireEvent.click(await screen.findByTitle('Best practice'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/knowledge/documents').at(-1)!.query.get('type')).toBe('best-practice'));
    fireEvent.mouseDown(screen.getByLabelText('Tag'));
    fireEvent.click(await screen.findByTitle('payments (1)'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/knowledge/documents').at(-1)!.query.get('tag')).toBe('payments'));
    expect(screen.getByTestId('location')).toHaveTextContent('tag=payments');
  });
});
