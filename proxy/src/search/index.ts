export { createCatalogSearch, type CatalogSearch, type SearchHit, type SearchOptions } from './catalog-search';
export { offlineReply, quoteForReply, type ReplyLanguage } from './offline-reply';
export { detectLanguage, normalizeText, tokenize } from './normalize';
export { hebrewWordForms } from './hebrew-forms';
export { stemEnglish } from './english-forms';
export { parseQuery, wordForms } from './query-words';
export { englishNameOf, type SearchableProduct } from './searchable-product';
