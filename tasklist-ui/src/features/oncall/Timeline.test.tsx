import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { ME, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import { Timeline } from './Timeline';
import type { FinalSchedule } from './oncallApi';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Fourteen days of one person in Shanghai, from 1 December 2026 00:00 local time. */
const fortnight: FinalSchedule = {
  scheduleId: 1,
  timeZone: 'Asia/Shanghai',
  from: '2026-11-30T16:00:00Z',
  to: '2026-12-14T16:00:00Z',
  entries: [{ start: '2026-11-30T16:00:00Z', end: '2026-12-14T16:00:00Z', user: 'ann', source: 'layer', layerId: 1 }],
  gaps: [],
  layers: [{ id: 1, name: 'Primary', position: 1, segments: [
    { start: '2026-11-30T16:00:00Z', end: '2026-12-14T16:00:00Z', user: 'ann', source: 'layer', layerId: 1 }] }],
  overrides: [],
};

function dayLabels() {
  return Array.from(document.querySelectorAll('.suoke-oncall-day')).map((day) => day.textContent);
}

describe('Timeline', () => {
  it('labels every day with month and day on a laptop', async () => {
    stubApi({ 'GET /api/me': ME });
    renderPage(<Timeline schedule={fortnight} />);
    await screen.findByTestId('oncall-timeline');
    expect(dayLabels()).toHaveLength(14);
    expect(dayLabels().slice(0, 2)).toEqual(['12-01', '12-02']);
  });

  it('labels every other day with the day of the month only on a phone, so that the labels fit', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...matchMedia(query), matches: query.includes('max-width: 480px') })) as typeof window.matchMedia;
    try {
      stubApi({ 'GET /api/me': ME });
      renderPage(<Timeline schedule={fortnight} />);
      await screen.findByTestId('oncall-timeline');
      expect(dayLabels()).toEqual(['01', '03', '05', '07', '09', '11', '13']);
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});
