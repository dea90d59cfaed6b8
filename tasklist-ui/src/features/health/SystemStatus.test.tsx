import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { SystemStatus } from './SystemStatus';

function stubHealth(body: unknown, httpStatus = 200) {
  const fetchMock = vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status: httpStatus,
        headers: { 'Content-Type': 'application/vnd.spring-boot.actuator.v3+json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The panel's row for one component ('overall' for the aggregate status), once loaded. */
async function row(name: string) {
  const panel = await screen.findByTestId('system-status');
  return waitFor(() => {
    const element = panel.querySelector<HTMLElement>(`[data-component="${name}"]`);
    expect(element).not.toBeNull();
    return element!;
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SystemStatus', () => {
  it('lists every component with an UP tag when the backend is healthy', async () => {
    const fetchMock = stubHealth({
      status: 'UP',
      components: {
        db: { status: 'UP' },
        elasticsearch: { status: 'UP' },
        diskSpace: { status: 'UP', details: { free: 1 } },
      },
    });

    render(<SystemStatus />);

    for (const name of ['db', 'elasticsearch', 'diskSpace']) {
      expect(within(await row(name)).getByText(name)).toBeInTheDocument();
      expect(within(await row(name)).getByTestId('status-tag')).toHaveTextContent('UP');
    }
    expect(within(await row('overall')).getByTestId('status-tag')).toHaveTextContent('UP');
    expect(screen.queryByText('DOWN')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/actuator/health', expect.anything());
  });

  it('shows a DOWN tag for a failing component (actuator answers 503)', async () => {
    stubHealth(
      {
        status: 'DOWN',
        components: { db: { status: 'UP' }, elasticsearch: { status: 'DOWN' } },
      },
      503,
    );

    render(<SystemStatus />);

    expect(await screen.findByText('elasticsearch')).toBeInTheDocument();
    const elasticsearch = within(await row('elasticsearch')).getByTestId('status-tag');
    expect(elasticsearch).toHaveTextContent('DOWN');
    expect(elasticsearch).toHaveClass('ant-tag-red');
    const db = within(await row('db')).getByTestId('status-tag');
    expect(db).toHaveTextContent('UP');
    expect(db).toHaveClass('ant-tag-green');
    expect(within(await row('overall')).getByTestId('status-tag')).toHaveTextContent('DOWN');
  });

  it('reports an unreachable backend', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('Bad gateway', { status: 502 })));

    render(<SystemStatus />);

    expect(await screen.findByText('System status unavailable')).toBeInTheDocument();
  });
});
