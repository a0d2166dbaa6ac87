/**
 * The one place the renderer loads ECharts: only the charts, components and
 * renderer it uses, from echarts/core, so the bundle never pulls all of it.
 */
import { GraphChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { GraphSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

// Mark points and areas: the anomaly marks on the metrics charts. Graph and legend: the Topology map.
use([
  LineChart,
  HeatmapChart,
  GraphChart,
  LegendComponent,
  GridComponent,
  TooltipComponent,
  DataZoomComponent,
  VisualMapComponent,
  MarkPointComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | HeatmapSeriesOption
  | GraphSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
>;

export type { ECharts, LineSeriesOption };
export { init };

/** Whether charts can draw here: jsdom (component tests) has no canvas, so chart boxes stay empty there. */
export const canDraw = (): boolean => typeof navigator === 'undefined' || !navigator.userAgent.includes('jsdom');
