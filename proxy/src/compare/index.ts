export { comparisonTable, createCompareTool, type CompareDeps } from './tool';
export { toComparisonTable, toComparisonItem } from './table';
export { COMPARE_PRODUCTS, compareProductsTool, MAX_COMPARED, MIN_COMPARED } from './definition';
