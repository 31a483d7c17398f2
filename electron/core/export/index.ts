// Exports: CSV (wide/long, merged and per node, injection-safe) and the zipped incident bundle.
export { toCsv, type CsvLayout, type CsvText } from './csv-layouts';
export { textCell, numberCell, csvRow } from './csv-cell';
export { selectViews, MERGED, CsvSelectionError, type CsvView } from './csv-views';
export { resultViewCsv, fileStem } from './panel-csv';
export { zip, type ZipEntry } from './zip-writer';
export { buildBundle, type BundleInput } from './incident-bundle';
export { bundleReadme, type SummaryPanel } from './readme-summary';
