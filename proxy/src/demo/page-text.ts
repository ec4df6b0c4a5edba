/** The demo page's own words, in both languages. Product text comes from the catalog. */

export type DemoLang = 'he' | 'en';

export function parseDemoLang(value: unknown): DemoLang {
  return value === 'en' ? 'en' : 'he';
}

export const PAGE_TEXT = {
  he: {
    locale: 'he_IL',
    dir: 'rtl',
    storeName: 'חיות בכיף',
    tagline: 'הכול לחיות המחמד שלכם',
    home: 'דף הבית',
    switchLanguage: 'English',
    switchLanguageLang: 'en',
    sku: 'מק"ט',
    categories: 'קטגוריות',
    inStock: 'במלאי',
    outOfStock: 'אזל מהמלאי',
    sale: 'מבצע!',
    addToCart: 'הוספה לסל',
    choose: 'בחירת',
    description: 'תיאור',
    related: 'מוצרים נוספים',
    gallery: 'גלריית תמונות',
    demoNotice: 'זוהי חנות הדגמה של Aisle. המוצרים והמחירים אינם אמיתיים, והסל אינו פעיל.',
    askAssistant: 'יש שאלה? העוזר החכם בפינת המסך ישמח לעזור.',
    nav: ['כלבים', 'חתולים', 'ציפורים', 'דגים', 'מכרסמים', 'מבצעים'],
    greeting: 'שלום! אני העוזר של חיות בכיף. איך אפשר לעזור?',
    prompts: ['איזה מזון מתאים לגור כלבים?', 'יש לכם צעצועים לחתולים?', 'מה יש במבצע?'],
  },
  en: {
    locale: 'en_US',
    dir: 'ltr',
    storeName: 'Happy Paws',
    tagline: 'Everything for your pets',
    home: 'Home',
    switchLanguage: 'עברית',
    switchLanguageLang: 'he',
    sku: 'SKU',
    categories: 'Categories',
    inStock: 'In stock',
    outOfStock: 'Out of stock',
    sale: 'Sale!',
    addToCart: 'Add to cart',
    choose: 'Choose',
    description: 'Description',
    related: 'More products',
    gallery: 'Product images',
    demoNotice: 'This is an Aisle demo store. Products and prices are not real, and the cart is not active.',
    askAssistant: 'Questions? The assistant in the corner is happy to help.',
    nav: ['Dogs', 'Cats', 'Birds', 'Fish', 'Small animals', 'Sale'],
    greeting: "Hi! I'm the Happy Paws assistant. How can I help?",
    prompts: ['Which food suits a puppy?', 'Do you have cat toys?', "What's on sale?"],
  },
} as const;
