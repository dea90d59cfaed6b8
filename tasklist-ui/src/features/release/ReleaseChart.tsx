import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface ChartSeries {
  name: string;
  data: (number | null)[];
  step?: boolean;
  dashed?: boolean;
  /** show each point's value, followed by this unit */
  valueLabels?: string;
}

/** A small line chart (echarts, SVG) over labelled points; resizes with its box. */
export function ReleaseChart(props: { labels: string[]; series: ChartSeries[]; max?: number; height?: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { labels, series, max, height = 220, testId } = props;

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    let chart: echarts.ECharts | undefined;
    try {
      chart = echarts.init(element, undefined, { renderer: 'svg' });
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 40, right: 24, top: 40, bottom: 28 },
        // with values on the points, keep the first one's label off the y axis
        xAxis: { type: 'category', data: labels, boundaryGap: series.some((s) => s.valueLabels !== undefined) },
        yAxis: { type: 'value', min: 0, max },
        series: series.map((s) => ({
          name: s.name,
          type: 'line',
          step: s.step ? 'end' : undefined,
          connectNulls: false,
          symbolSize: 6,
          lineStyle: s.dashed ? { type: 'dashed' } : undefined,
          label: s.valueLabels === undefined ? undefined : { show: true, position: 'top', formatter: `{c} ${s.valueLabels}`.trimEnd() },
          data: s.data,
        })),
      });
    } catch {
      // no layout (tests without a browser): the table beside the chart carries the same values
    }
    const resize = () => chart?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [labels, series, max]);

  return <div ref={box} data-testid={testId} className="release-chart" style={{ width: '100%', height }} />;
}
