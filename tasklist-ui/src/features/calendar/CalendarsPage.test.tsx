import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, json, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import CalendarsPage from './CalendarsPage';

const ADMIN = { ...ME, username: 'admin', groups: ['admins'], roles: ['ADMIN'] };
const NINE_TO_SIX = [{ start: '09:00', end: '18:00' }];
const WEEK = {
  MONDAY: NINE_TO_SIX,
  TUESDAY: NINE_TO_SIX,
  WEDNESDAY: NINE_TO_SIX,
  THURSDAY: NINE_TO_SIX,
  FRIDAY: NINE_TO_SIX,
  SATURDAY: [],
  SUNDAY: [],
};
const DEFAULT = { id: 'default', name: '默认工作日历', timeZone: 'Asia/Shanghai', workingWeek: WEEK, businessDay: 'PT9H', years: [2026] };
const BERLIN = { id: 'berlin', name: 'Berlin office', timeZone: 'Europe/Berlin', workingWeek: WEEK, businessDay: 'PT9H', years: [] };
const DAYS_2026 = [
  { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-10', kind: 'WORKDAY', name: '国庆节调休上班' },
];

/** GET /api/calendars/default: its 2026 days when that year (or all) is asked for. */
const readDefault = (call: Call) => ({ ...DEFAULT, days: [null, '2026'].includes(call.query.get('year')) ? DAYS_2026 : [] });

beforeAll(() => {
  // the page (tabs, tables, pickers) takes a while to render on a busy machine
  configure({ asyncUtilTimeout: 10_000 });
});

beforeEach(() => {
  // only the date is fixed (antd's timers run as usual): the page opens on the year 2026
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-06-15T08:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// each test renders the whole page several times over: allow for a busy machine
describe('CalendarsPage', { timeout: 90_000 }, () => {
  it('lists the calendars and the year’s holidays and make-up days, adds one with field errors, removes one', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/calendars': [DEFAULT, BERLIN],
      'GET /api/calendars/default': readDefault,
      'POST /api/admin/calendars/default/days': () =>
        ++attempts === 1
          ? problem(400, '[0].kind: is a Monday', [{ field: '[0].kind', reason: '2026-05-04 is a Monday, a working day of the week already' }])
          : json({ added: 1, updated: 0, unchanged: 0, skipped: 0 }),
      'DELETE /api/admin/calendars/default/days/2026-10-10': () => new Response(null, { status: 204 }),
    });
    renderPage(<CalendarsPage />, { route: '/admin/calendars' });

    expect(await screen.findByTestId('calendar-berlin')).toHaveTextContent('Europe/Berlin');
    expect(await screen.findByText('国庆节')).toBeInTheDocument();
    expect(screen.getByText('国庆节调休上班')).toBeInTheDocument();
    expect(screen.getByText('Make-up working day')).toBeInTheDocument();
    expect(screen.getByTestId('days-summary')).toHaveTextContent('1 holidays, 1 make-up working days');
    expect(screen.getByTestId('current-calendar').parentElement).toHaveTextContent('1 business day = 9 h');
    expect(stub.callsTo('GET', '/api/calendars/default').some((call) => call.query.get('year') === '2026')).toBe(true);
    expect(screen.getByTestId('export-ics').closest('a')).toHaveAttribute('href', '/api/calendars/default/export.ics');
    expect(screen.queryByTestId('delete-calendar')).not.toBeInTheDocument();

    const date = screen.getByTestId('day-date');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2026-05-04' } });
    fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    fireEvent.mouseDown(screen.getByTestId('day-kind').querySelector('.ant-select-selector') ?? screen.getByTestId('day-kind'));
    fireEvent.click(await screen.findByTitle('Make-up working day'));
    fireEvent.change(screen.getByTestId('day-name'), { target: { value: '补班' } });
    fireEvent.click(screen.getByTestId('add-day'));

    expect(await screen.findByText('2026-05-04 is a Monday, a working day of the week already')).toBeInTheDocument();
    const [first] = stub.callsTo('POST', '/api/admin/calendars/default/days');
    expect(JSON.parse(first.body!)).toEqual([{ date: '2026-05-04', kind: 'WORKDAY', name: '补班' }]);
    expect(first.headers['content-type']).toBe('application/json');

    fireEvent.click(screen.getByTestId('add-day'));
    expect(await screen.findByText('Saved 2026-05-04.')).toBeInTheDocument();
    await waitFor(() => expect(stub.callsTo('GET', '/api/calendars/default').length).toBeGreaterThanOrEqual(4));

    fireEvent.click(screen.getByRole('button', { name: 'Delete 2026-10-10' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.callsTo('DELETE', '/api/admin/calendars/default/days/2026-10-10')).toHaveLength(1));
    expect(await screen.findByText('Removed 2026-10-10.')).toBeInTheDocument();
  });

  it('edits the working week with a lunch break and shows the server’s reasons on the weekday', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/calendars': [DEFAULT],
      'GET /api/calendars/default': readDefault,
      'PUT /api/admin/calendars/default': (call: Call) =>
        ++attempts === 1
          ? problem(400, 'workingWeek.TUESDAY: windows overlap', [
              { field: 'workingWeek.TUESDAY', reason: 'windows overlap: 09:00-13:00 and 12:00-18:00' },
            ])
          : json({ ...DEFAULT, ...JSON.parse(call.body!), businessDay: 'PT8H', days: DAYS_2026 }),
    });
    renderPage(<CalendarsPage />, { route: '/admin/calendars' });
    fireEvent.click(await screen.findByRole('tab', { name: 'Working week' }));

    fireEvent.click(await screen.findByTestId('add-window-MONDAY'));
    fireEvent.change(screen.getByTestId('window-MONDAY-0-end'), { target: { value: '12:00' } });
    fireEvent.change(screen.getByTestId('window-MONDAY-1-start'), { target: { value: '13:00' } });
    fireEvent.change(screen.getByTestId('window-MONDAY-1-end'), { target: { value: '18:00' } });
    fireEvent.click(screen.getByTestId('working-SATURDAY'));
    expect(screen.getByTestId('window-SATURDAY-0-start')).toHaveValue('09:00');
    fireEvent.click(screen.getByTestId('save-week'));

    const tuesday = await screen.findByTestId('weekday-TUESDAY');
    expect(await within(tuesday).findByText('windows overlap: 09:00-13:00 and 12:00-18:00')).toBeInTheDocument();
    const body = JSON.parse(stub.callsTo('PUT', '/api/admin/calendars/default')[0].body!);
    expect(body.name).toBe('默认工作日历');
    expect(body.timeZone).toBe('Asia/Shanghai');
    expect(body.workingWeek.MONDAY).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]);
    expect(body.workingWeek.SATURDAY).toEqual([{ start: '09:00', end: '18:00' }]);
    expect(body.workingWeek.SUNDAY).toEqual([]);

    fireEvent.click(screen.getByTestId('save-week'));
    expect(await screen.findByText('Saved “默认工作日历”.')).toBeInTheDocument();
    expect(stub.callsTo('PUT', '/api/admin/calendars/default')).toHaveLength(2);
  });

  it('imports an iCalendar file as text/calendar and reports the counts, or the reason it was refused', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/calendars': [DEFAULT],
      'GET /api/calendars/default': readDefault,
      'POST /api/admin/calendars/default/import': () =>
        ++attempts === 1
          ? problem(400, 'file: 2026-02-16 is a Monday', [{ field: 'file', reason: '2026-02-16 is a Monday, a working day of the week already' }])
          : json({ added: 14, updated: 1, unchanged: 0, skipped: 2 }),
    });
    const { container } = renderPage(<CalendarsPage />, { route: '/admin/calendars' });
    await screen.findByText('国庆节');
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    // the upload control renews its input after each file
    const input = () => container.querySelector('input[type=file]') as HTMLInputElement;

    fireEvent.change(input(), { target: { files: [new File([ics], 'holidays.ics', { type: 'text/calendar' })] } });
    expect(await screen.findByTestId('import-error')).toHaveTextContent('2026-02-16 is a Monday');
    const [call] = stub.callsTo('POST', '/api/admin/calendars/default/import');
    expect(call.body).toBe(ics);
    expect(call.headers['content-type']).toBe('text/calendar; charset=UTF-8');
    expect(call.headers['x-requested-with']).toBe('XMLHttpRequest');

    fireEvent.change(input(), { target: { files: [new File([ics], 'holidays.ics', { type: 'text/calendar' })] } });
    expect(await screen.findByText('Imported: 14 added, 1 changed, 0 unchanged, 2 skipped.')).toBeInTheDocument();
  });

  it('computes a deadline from business time or business days', async () => {
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/calendars': [DEFAULT],
      'GET /api/calendars/default': readDefault,
      'GET /api/calendars/default/due': (call: Call) =>
        call.query.get('businessDays')
          ? { calendarId: 'default', start: call.query.get('start'), businessTime: 'PT18H', businessDays: 2, due: '2026-02-24T02:00:00Z' }
          : { calendarId: 'default', start: call.query.get('start'), businessTime: 'PT8H', due: '2026-10-08T02:00:00Z' },
    });
    renderPage(<CalendarsPage />, { route: '/admin/calendars' });
    fireEvent.click(await screen.findByRole('tab', { name: 'Deadline calculator' }));

    fireEvent.click(await screen.findByTestId('deadline-compute'));
    expect(await screen.findByTestId('deadline-due')).toHaveTextContent(/Oct 8, 2026.*10:00/);
    const [time] = stub.callsTo('GET', '/api/calendars/default/due');
    expect(time.query.get('businessTime')).toBe('PT8H');
    expect(new Date(time.query.get('start')!).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(screen.getByTestId('deadline-result')).toHaveTextContent('8 h');

    fireEvent.click(screen.getByText('Business days'));
    fireEvent.change(await screen.findByTestId('deadline-days'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('deadline-compute'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/calendars/default/due')).toHaveLength(2));
    expect(stub.callsTo('GET', '/api/calendars/default/due')[1].query.get('businessDays')).toBe('2');
    expect(await screen.findByTestId('deadline-due')).toHaveTextContent(/Feb 24, 2026.*10:00/);
    expect(screen.getByTestId('deadline-result')).toHaveTextContent('18 h (2 × 9 h)');
  });

  it('creates a calendar, opens it, and deletes it; the default calendar has no delete button', async () => {
    const created = { ...BERLIN, id: 'shanghai-office', name: 'Shanghai office', timeZone: 'Asia/Shanghai' };
    const stub = stubApi({
      'GET /api/me': ADMIN,
      'GET /api/calendars': [DEFAULT],
      'GET /api/calendars/default': readDefault,
      'POST /api/admin/calendars': () => json(created, 201),
      'GET /api/calendars/shanghai-office': { ...created, days: [] },
      'DELETE /api/admin/calendars/shanghai-office': () => new Response(null, { status: 204 }),
    });
    renderPage(<CalendarsPage />, { route: '/admin/calendars' });
    await screen.findByText('国庆节');
    expect(screen.queryByTestId('delete-calendar')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('create-calendar'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('new-calendar-id'), { target: { value: 'shanghai-office' } });
    fireEvent.change(within(dialog).getByTestId('new-calendar-name'), { target: { value: 'Shanghai office' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(stub.callsTo('POST', '/api/admin/calendars')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', '/api/admin/calendars')[0].body!)).toEqual({
      id: 'shanghai-office',
      name: 'Shanghai office',
      timeZone: 'Asia/Shanghai',
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/admin/calendars?calendar=shanghai-office'));
    expect(await screen.findByTestId('current-calendar')).toHaveTextContent('Shanghai office');
    expect(screen.getByText('No holidays or make-up working days in 2026.')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('delete-calendar'));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(stub.callsTo('DELETE', '/api/admin/calendars/shanghai-office')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/admin\/calendars$/));
  });
});
