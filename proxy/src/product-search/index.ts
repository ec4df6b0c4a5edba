export { createProductSearchTool, type ProductSearchDeps } from './tool';
export { runSearch, type SearchableCatalog, type SearchOutcome } from './search';
export { parseSearchArguments, type SearchRequest } from './arguments';
export { SEARCH_PRODUCTS, searchProductsTool } from './definition';
