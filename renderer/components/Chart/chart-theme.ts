/** Colours ECharts draws with (a canvas cannot read CSS variables), per Mantine colour scheme. */
export interface ChartColors {
  text: string;
  dimmed: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  tooltipBorder: string;
  series: string[];
}

export const CHART_COLORS: Record<'light' | 'dark', ChartColors> = {
  light: {
    text: '#343a40',
    dimmed: '#868e96',
    grid: '#e9ecef',
    axis: '#ced4da',
    tooltipBg: '#ffffff',
    tooltipBorder: '#dee2e6',
    series: ['#1c5fc2', '#e8590c', '#2f9e44', '#ae3ec9'],
  },
  dark: {
    text: '#c9c9c9',
    dimmed: '#828282',
    grid: '#373a40',
    axis: '#4a4d52',
    tooltipBg: '#2e2e2e',
    tooltipBorder: '#424242',
    series: ['#74a7f0', '#ff922b', '#69db7c', '#da77f2'],
  },
};
