// Reports: merge fire reports exactly, read Artillery's output, render one self-contained HTML file.
export { mergeFireReports } from './merge-fire-reports.js';
export { readReportFile } from './read-report-file.js';
export { buildFireReportModel, buildArtilleryReportModel } from './build-report-model.js';
export { renderHtmlReport } from './render-html-report.js';
export { writeHtmlReport, writeJsonReport, checkOutputFolder } from './write-html-report.js';

export type { MergedFireReport, MergedSource, MergeFireReportsOptions } from './merge-fire-reports.js';
export type { ArtilleryOutput, ArtilleryPeriod, ReportFile } from './read-report-file.js';
export type { ChartModel, ReportModel } from './build-report-model.js';
