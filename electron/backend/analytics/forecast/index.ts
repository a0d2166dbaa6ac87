/** Forecasting with prediction intervals, days-until-limit, and the holdout scoring of the bench. */
export { forecastSeries, forecastGrid, listCandidates, type Forecast, type ForecastOptions, type ModelReport } from './forecast.js';
export { daysUntil, findCrossing, type DaysUntil, type DaysUntilOptions, type SeriesInput } from './capacity.js';
export { evaluateHoldout, type HoldoutResult } from './evaluate.js';
export type { ModelSpec, TrendKind, EtsParams } from './ets.js';
