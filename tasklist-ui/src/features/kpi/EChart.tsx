import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only what the dashboard draws, so that the page's chunk stays small; SVG renders crisply on phones.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** What a click on a chart hit: the series and the category (x-axis or y-axis value). */
export interface ChartClick {
  seriesIndex: number;
  name: string;
  dataIndex: number;
}

/** An echarts chart that follows its container's width; `onClick` gets the element clicked. */
export function EChart({
  option,
  height = 280,
  onClick,
  testId,
  label,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (click: ChartClick) => void;
  testId?: string;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const div = element.current;
    if (!div) return undefined;
    const instance = echarts.init(div, null, { renderer: 'svg', height, width: div.clientWidth || 600 });
    chart.current = instance;
    instance.on('click', (event) => {
      click.current?.({ seriesIndex: event.seriesIndex ?? 0, name: String(event.name), dataIndex: event.dataIndex });
    });
    const resize = () => instance.resize({ width: div.clientWidth || 600, height });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(div);
    window.addEventListener('resize', resize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
