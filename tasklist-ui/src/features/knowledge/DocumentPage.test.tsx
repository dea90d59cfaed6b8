import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { ME, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import DocumentPage from './DocumentPage';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const DOC = {
  id: 7,
  type: 'post-incident-review',
  title: 'Post-incident review INC-20261101-0042',
  body: '# Post-incident review\n\n## Root cause\n\n**数据库连接池耗尽**\n\n<script>window.hacked = true</script>\n',
  services: ['checkout'],
  tags: ['review', 'p1'],
  incidentNumber: 'INC-20261101-0042',
  version: 2,
  createdBy: 'tier1',
  createdAt: '2026-11-05T02:00:00Z',
  updatedBy: 'tier1',
  updatedAt: '2026-11-06T02:00:00Z',
};

const VERSIONS = [
  { documentId: 7, version: 2, title: DOC.title, body: DOC.body, services: [], tags: [], author: 'bob', changeNote: 'Published again', createdAt: '2026-11-06T02:00:00Z' },
  { documentId: 7, version: 1, title: DOC.title, body: '', services: [], tags: [], author: 'alice', changeNote: null, createdAt: '2026-11-05T02:00:00Z' },
];

describe('DocumentPage', () => {
  it('renders the Markdown, lists who wrote each version and shows the diff between two', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/knowledge/documents/7': DOC,
      'GET /api/knowledge/documents/7/versions': VERSIONS,
      'GET /api/knowledge/documents/7/diff': (call: Call) => ({
        documentId: 7,
        from: Number(call.query.get('from')),
        to: Number(call.query.get('to')),
        lines: [
          { op: 'equal', text: '# Post-incident review' },
          { op: 'removed', text: 'old root cause' },
          { op: 'added', text: '**数据库连接池耗尽**' },
        ],
        titleChanged: false,
        tagsAdded: ['p1'],
        tagsRemoved: [],
      }),
    });
    renderPage(<DocumentPage />, { route: '/knowledge/7', path: '/knowledge/:id' });
    const markdown = await screen.findByTestId('markdown');
    expect(markdown.querySelector('h2')).toHaveTextContent('Root cause');
    expect(markdown.querySelector('strong')).toHaveTextContent('数据库连接池耗尽');
    expect(markdown.querySelector('script')).toBeNull();
    expect(markdown).toHaveTextContent('<script>window.hacked = true</script>');
    expect(screen.queryByText('Edit')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Event review' })).toHaveAttribute('href', '/reviews/INC-20261101-0042');
    expect(screen.getByText('Published again')).toBeInTheDocument();
    expect(screen.getByText('alice')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    const diff = await screen.findByTestId('diff');
    expect(stub.callsTo('GET', '/api/knowledge/documents/7/diff')[0].query.toString()).toBe('from=1&to=2');
    expect(diff).toHaveTextContent('Changes from version 1 to 2');
    expect(diff.querySelector('[data-op="removed"]')).toHaveTextContent('- old root cause');
    expect(diff.querySelector('[data-op="added"]')).toHaveTextContent('+ **数据库连接池耗尽**');
    expect(diff).toHaveTextContent('Tags added: p1');
  });

  it('offers editing for runbooks and no comparison with one version', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/knowledge/documents/8': { ...DOC, id: 8, type: 'runbook', incidentNumber: null },
      'GET /api/knowledge/documents/8/versions': VERSIONS.slice(1),
    });
    renderPage(<DocumentPage />, { route: '/knowledge/8', path: '/knowledge/:id' });
    expect(await screen.findByRole('link', { name: /Edit/ })).toHaveAttribute('href', '/knowledge/8/edit');
    expect(screen.queryByRole('button', { name: 'Compare' })).not.toBeInTheDocument();
  });

  it('says so when a document does not exist', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/knowledge/documents/9': () => problem(404, 'none'),
      'GET /api/knowledge/documents/9/versions': () => problem(404, 'none'),
    });
    renderPage(<DocumentPage />, { route: '/knowledge/9', path: '/knowledge/:id' });
    await waitFor(() => expect(screen.getByText('Document 9 does not exist.')).toBeInTheDocument());
  });
});
