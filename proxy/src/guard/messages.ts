/** What the shopper reads when a guard answers instead of the model. */

/** The polite refusal, in the shopper's language. */
export function refusalText(lang: 'he' | 'en'): string {
  return lang === 'he'
    ? 'מצטערים, לא נוכל לעזור בבקשה הזו. אשמח לעזור למצוא מוצרים בחנות.'
    : "Sorry, I can't help with that request. I'm happy to help you find products in the store.";
}

export function restingText(lang: 'he' | 'en'): string {
  return lang === 'he'
    ? 'העוזר נח להיום ויחזור מחר. בינתיים, הנה תוצאות מחיפוש בקטלוג:'
    : 'The assistant is resting for today and will be back tomorrow. Meanwhile, here is what a catalog search found:';
}
