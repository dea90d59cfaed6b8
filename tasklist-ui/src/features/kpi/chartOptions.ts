import type { EChartsCoreOption } from 'echarts/core';
import type { KpiAvailability, KpiGroup, KpiOnCall, KpiSla } from './kpiApi';

/** The texts a chart needs (already translated). */
export type Labels = Record<string, string>;

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);
const pct = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 10000) / 100);

const grid = { left: 48, right: 48, top: 40, bottom: 32, containLabel: true };

/** Incidents per month (bars) with MTTA and MTTR in minutes (lines, right axis). */
export function trendOption(trend: KpiGroup[], l: Labels): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: trend.map((g) => g.key) },
    yAxis: [
      { type: 'value', name: l.incidents, minInterval: 1 },
      { type: 'value', name: 'min', splitLine: { show: false } },
    ],
    series: [
      { name: l.incidents, type: 'bar', data: trend.map((g) => g.incidents), itemStyle: { color: '#1677ff' } },
      { name: l.mtta, type: 'line', yAxisIndex: 1, data: trend.map((g) => minutes(g.mttaSeconds)), connectNulls: true },
      { name: l.mttr, type: 'line', yAxisIndex: 1, data: trend.map((g) => minutes(g.mttrSeconds)), connectNulls: true },
    ],
  };
}

const PRIORITY_COLOURS: Record<string, string> = { P0: '#cf1322', P1: '#fa541c', P2: '#faad14', P3: '#1677ff' };

/** Incidents per priority (bars in the priority colours). */
export function priorityOption(byPriority: Record<string, number>, l: Labels): EChartsCoreOption {
  const keys = Object.keys(byPriority);
  return {
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { type: 'category', data: keys },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: l.incidents,
        type: 'bar',
        data: keys.map((k) => ({ value: byPriority[k], itemStyle: { color: PRIORITY_COLOURS[k] ?? '#8c8c8c' } })),
      },
    ],
  };
}

/** SLA clocks met and breached per priority and target (stacked bars). */
export function slaOption(sla: KpiSla[], l: Labels): EChartsCoreOption {
  const names = sla.map((s) => `${s.priority} ${l[s.target] ?? s.target}`);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: l.met, type: 'bar', stack: 'sla', data: sla.map((s) => s.met), itemStyle: { color: '#52c41a' } },
      { name: l.breached, type: 'bar', stack: 'sla', data: sla.map((s) => s.breached), itemStyle: { color: '#ff4d4f' } },
    ],
  };
}

/** Availability per service in percent (green when the target is met, red otherwise) with its target. */
export function availabilityOption(rows: KpiAvailability[], l: Labels): EChartsCoreOption {
  const lowest = Math.min(99, ...rows.map((r) => Math.floor(r.availability * 1000) / 10));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: rows.map((r) => r.service) },
    yAxis: { type: 'value', min: lowest, max: 100 },
    series: [
      {
        name: l.availability,
        type: 'bar',
        data: rows.map((r) => ({ value: pct(r.availability), itemStyle: { color: r.met ? '#52c41a' : '#ff4d4f' } })),
      },
      { name: l.target, type: 'line', step: 'middle', data: rows.map((r) => pct(r.target)), symbol: 'none' },
    ],
  };
}

/** Incidents per group (service or team) as horizontal bars, SLA breached beside. */
export function groupsOption(groups: KpiGroup[], l: Labels): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    yAxis: { type: 'category', data: groups.map((g) => g.key), inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: l.incidents, type: 'bar', data: groups.map((g) => g.incidents), itemStyle: { color: '#1677ff' } },
      { name: l.breached, type: 'bar', data: groups.map((g) => g.slaBreached), itemStyle: { color: '#ff4d4f' } },
    ],
  };
}

/** The mean rating per team (1-5). */
export function csatOption(groups: KpiGroup[], l: Labels): EChartsCoreOption {
  const rated = groups.filter((g) => g.csat !== null);
  return {
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { type: 'category', data: rated.map((g) => g.key) },
    yAxis: { type: 'value', min: 0, max: 5 },
    series: [
      {
        name: l.csat,
        type: 'bar',
        data: rated.map((g) => Math.round((g.csat ?? 0) * 100) / 100),
        itemStyle: { color: '#13c2c2' },
      },
    ],
  };
}

/** Pages per person, night pages stacked within. */
export function onCallOption(rows: KpiOnCall[], l: Labels): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    yAxis: { type: 'category', data: rows.map((r) => r.person), inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: l.day, type: 'bar', stack: 'pages', data: rows.map((r) => r.pages - r.nightPages), itemStyle: { color: '#69b1ff' } },
      { name: l.night, type: 'bar', stack: 'pages', data: rows.map((r) => r.nightPages), itemStyle: { color: '#003eb3' } },
    ],
  };
}
