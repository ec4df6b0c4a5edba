/**
 * Field labels of the catalog document. They follow the store's language so an
 * entry reads naturally next to the product text it labels (a Hebrew store gets
 * Hebrew labels, which also match Hebrew questions such as "מה במבצע?" in the
 * embedding space). `System_ID` stays literal in every language: the assistant's
 * instructions refer to it by that name.
 */
export type LabelLanguage = 'he' | 'en';

export interface Labels {
  sku: string;
  gtin: string;
  brand: string;
  categories: string;
  tags: string;
  price: string;
  priceFrom: string;
  regularPrice: string;
  salePrice: string;
  saleUntil: string;
  stock: string;
  inStock: string;
  lowStock: (quantity: number) => string;
  inStockQuantity: (quantity: number) => string;
  outOfStock: string;
  backorder: string;
  weight: string;
  weightUnit: string;
  attributes: string;
  options: string;
  moreOptions: (count: number) => string;
  description: string;
  link: string;
}

const HE: Labels = {
  sku: 'מק"ט (SKU)',
  gtin: 'ברקוד (GTIN)',
  brand: 'מותג',
  categories: 'קטגוריות',
  tags: 'תגיות',
  price: 'מחיר',
  priceFrom: 'מחיר החל מ־',
  regularPrice: 'מחיר רגיל',
  salePrice: 'מחיר מבצע',
  saleUntil: 'המבצע בתוקף עד',
  stock: 'מלאי',
  inStock: 'במלאי',
  lowStock: (q) => `מלאי נמוך (נותרו ${q} יחידות)`,
  inStockQuantity: (q) => `במלאי (${q} יחידות)`,
  outOfStock: 'אזל מהמלאי',
  backorder: 'ניתן להזמין מראש (הזמנה לאספקה מאוחרת)',
  weight: 'משקל',
  weightUnit: 'ק"ג',
  attributes: 'מאפיינים',
  options: 'אפשרויות',
  moreOptions: (n) => `ועוד ${n} אפשרויות`,
  description: 'תיאור',
  link: 'קישור',
};

const EN: Labels = {
  sku: 'SKU',
  gtin: 'GTIN',
  brand: 'Brand',
  categories: 'Categories',
  tags: 'Tags',
  price: 'Price',
  priceFrom: 'Price from',
  regularPrice: 'Regular price',
  salePrice: 'Sale price',
  saleUntil: 'Sale ends',
  stock: 'Stock',
  inStock: 'in stock',
  lowStock: (q) => `low stock (only ${q} left)`,
  inStockQuantity: (q) => `in stock (${q} available)`,
  outOfStock: 'out of stock',
  backorder: 'available on backorder',
  weight: 'Weight',
  weightUnit: 'kg',
  attributes: 'Attributes',
  options: 'Options',
  moreOptions: (n) => `and ${n} more options`,
  description: 'Description',
  link: 'Link',
};

export function labelsFor(language: LabelLanguage): Labels {
  return language === 'he' ? HE : EN;
}

const HEBREW = /[\u0590-\u05FF]/;

/** `auto`: Hebrew when at least half of the sampled product names contain Hebrew letters. */
export function detectLanguage(names: readonly string[]): LabelLanguage {
  if (names.length === 0) return 'en';
  const hebrew = names.filter((name) => HEBREW.test(name)).length;
  return hebrew * 2 >= names.length ? 'he' : 'en';
}
