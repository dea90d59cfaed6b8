import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { ME, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import DocumentEditPage from './DocumentEditPage';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DocumentEditPage', () => {
  it('writes a new runbook with a live preview, showing a refusal on its field first', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ME,
      'POST /api/knowledge/documents': (call: Call) =>
        ++attempts === 1
          ? problem(400, 'title: must be at most 200 characters', [{ field: 'title', reason: 'must be at most 200 characters' }])
          : { ...JSON.parse(call.body!), id: 12, version: 1 },
    });
    renderPage(<DocumentEditPage />, { route: '/knowledge/new', path: '/knowledge/new' });
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: '重启支付服务' } });
    fireEvent.change(screen.getByLabelText('Text (Markdown)'), { target: { value: '## 步骤\n\n1. `systemctl restart pay`' } });
    await waitFor(() => expect(screen.getByTestId('markdown').querySelector('h2')).toHaveTextContent('步骤'));

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('must be at most 200 characters')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/knowledge/12'));
    expect(JSON.parse(stub.callsTo('POST', '/api/knowledge/documents')[1].body!)).toEqual({
      type: 'runbook',
      title: '重启支付服务',
      body: '## 步骤\n\n1. `systemctl restart pay`',
      services: [],
      tags: [],
    });
  });
});
