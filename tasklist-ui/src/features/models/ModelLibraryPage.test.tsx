import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ModelLibraryPage from './ModelLibraryPage';

configure({ asyncUtilTimeout: 5000 });
afterEach(() => vi.unstubAllGlobals());

const MODELS = [
  {
    kind: 'process',
    id: 'incident-management',
    name: 'Incident',
    versions: [
      { version: 2, key: '2', resourceName: 'incident-management.bpmn', deployedBy: 'dora', deployedAt: '2026-12-02T08:00:00Z' },
      { version: 1, key: '1', resourceName: 'incident-management.bpmn', deployedBy: 'system', deployedAt: '2026-12-01T08:00:00Z' },
    ],
  },
];

describe('ModelLibraryPage', () => {
  it('lists deployed models with who deployed the latest version; a designer opens it as a draft', async () => {
    const stub = stubApi({
      'GET /api/me': { ...ME, roles: ['DESIGNER'] },
      'GET /api/models': MODELS,
      'GET /api/models/drafts': [],
      'GET /api/models/process/incident-management/versions/2/content': () => new Response('<definitions id="v2"/>', { status: 200 }),
      'POST /api/models/drafts': (call: Call) => ({ id: 'd1', ...JSON.parse(call.body as string) }),
    });
    renderPage(<ModelLibraryPage />, { route: '/models' });

    expect(await screen.findByTestId('model-incident-management')).toBeInTheDocument();
    expect(screen.getByText('dora')).toBeInTheDocument();
    expect(screen.getByText('Compare')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('edit-incident-management'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/models/d1'));
    expect(JSON.parse(stub.callsTo('POST', '/api/models/drafts')[0].body as string)).toEqual({
      resourceName: 'incident-management.bpmn',
      content: '<definitions id="v2"/>',
      baseId: 'incident-management',
      baseVersion: 2,
    });
  });

  it('shows auditors the library without editing', async () => {
    stubApi({ 'GET /api/me': { ...ME, roles: ['AUDITOR'] }, 'GET /api/models': MODELS });
    renderPage(<ModelLibraryPage />, { route: '/models' });
    expect(await screen.findByTestId('model-incident-management')).toBeInTheDocument();
    expect(screen.queryByTestId('edit-incident-management')).toBeNull();
    expect(screen.queryByTestId('new-model')).toBeNull();
  });
});
