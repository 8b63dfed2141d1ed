export { buildAnnualWorkbook, type AnnualWorkbookInput } from './annualWorkbook.js';
export { addCharts, addChartsToZip, type ChartSpec, type ChartSeries } from './charts.js';
export { isFormulaLike, setText, quotePrefixTextStyles } from './safeText.js';
