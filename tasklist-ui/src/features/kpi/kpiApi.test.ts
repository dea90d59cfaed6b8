import { describe, expect, it } from 'vitest';
import { duration, percent, trendRange } from './kpiApi';
import { availabilityOption, onCallOption, trendOption } from './chartOptions';
import { ON_CALL, SUMMARY, TREND } from './testData';

describe('kpi formatting and charts', () => {
  it('writes durations and percentages', () => {
    expect(duration(null)).toBe('–');
    expect(duration(555)).toBe('9m 15s');
    expect(duration(4200)).toBe('1h 10m');
    expect(duration(90000)).toBe('1d 1h');
    expect(percent(0.625)).toBe('62.5 %');
    expect(percent(null)).toBe('–');
  });

  it('takes the twelve months up to a month, across a year', () => {
    expect(trendRange('2026-11')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(trendRange('2026-02')).toEqual({ from: '2025-03-01', to: '2026-02-28' });
  });

  it('draws trends in minutes, availability against target in colour, night pages stacked', () => {
    const trend = trendOption(TREND, { incidents: 'Incidents', mtta: 'MTTA', mttr: 'MTTR' }) as {
      series: { data: unknown[] }[];
      xAxis: { data: string[] };
    };
    expect(trend.xAxis.data).toEqual(['2026-10', '2026-11']);
    expect(trend.series[0].data).toEqual([2, 4]);
    expect(trend.series[1].data).toEqual([9.3, 9.3]);
    expect(trend.series[2].data).toEqual([70, 70]);

    const availability = availabilityOption(SUMMARY.availability, {}) as {
      series: { data: { value: number; itemStyle: { color: string } }[] | number[] }[];
    };
    const bars = availability.series[0].data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual([99.77, 100]);
    expect(bars.map((b) => b.itemStyle.color)).toEqual(['#ff4d4f', '#52c41a']);
    expect(availability.series[1].data).toEqual([99.9, 99]);

    const onCall = onCallOption(ON_CALL, {}) as { series: { data: number[] }[] };
    expect(onCall.series[0].data).toEqual([1]);
    expect(onCall.series[1].data).toEqual([2]);
  });
});
