import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, json, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import UsersPage from './UsersPage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ADMIN = { ...ME, username: 'admin', groups: ['admins'], roles: ['ADMIN'] };
const TIER1 = {
  username: 'tier1',
  displayName: 'Tier One',
  email: 't1@example.org',
  mobile: null,
  dingtalkUserId: null,
  groups: ['tier1-oncall'],
  managedGroups: [],
  enabled: true,
};

describe('UsersPage', () => {
  it('lists users and creates one, showing the server’s field errors on the fields', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/admin/users': [TIER1],
      'GET /api/admin/groups': [{ name: 'tier1-oncall', displayName: 'Tier 1' }, { name: 'tier2' }],
      'POST /api/admin/users': () =>
        ++attempts === 1
          ? problem(400, 'Invalid user', [{ field: 'email', reason: 'not an email address' }])
          : json({ ...TIER1, username: 'tier2user' }, 201),
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    expect(await screen.findByText('Tier One')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('create-user'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('user-username'), { target: { value: 'tier2user' } });
    fireEvent.change(within(dialog).getByTestId('user-password'), { target: { value: 's3cret-pass' } });
    fireEvent.change(within(dialog).getByTestId('user-email'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('not an email address')).toBeInTheDocument();
    const [first] = stub.callsTo('POST', '/api/admin/users');
    expect(JSON.parse(first.body!)).toMatchObject({ username: 'tier2user', password: 's3cret-pass', email: 'nope', enabled: true, groups: [] });

    fireEvent.change(within(dialog).getByTestId('user-email'), { target: { value: 't2@example.org' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/admin/users')).toHaveLength(2));
    expect(await screen.findByText('Saved “tier2user”.')).toBeInTheDocument();
    await waitFor(() => expect(stub.callsTo('GET', '/api/admin/users')).toHaveLength(2));
  });

  it('requires a password on create only, and sends none when left empty on edit', async () => {
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/admin/users': [TIER1],
      'GET /api/admin/groups': [{ name: 'tier1-oncall' }],
      'POST /api/admin/users': () => json(TIER1, 201),
      'PUT /api/admin/users/tier1': () => json(TIER1),
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    fireEvent.click(await screen.findByTestId('create-user'));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('user-username'), { target: { value: 'someone' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Required')).toBeInTheDocument();
    expect(stub.callsTo('POST', '/api/admin/users')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByTestId('edit-user-tier1'));
    dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('user-username')).toHaveValue('tier1'));
    expect(within(dialog).getByTestId('user-username')).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(stub.callsTo('PUT', '/api/admin/users/tier1')).toHaveLength(1));
    const body = JSON.parse(stub.callsTo('PUT', '/api/admin/users/tier1')[0].body!);
    expect(body).not.toHaveProperty('password');
    expect(body).toMatchObject({ username: 'tier1', displayName: 'Tier One', groups: ['tier1-oncall'] });
  });
});
