import { normalizeText } from '../search';

/**
 * Words that say nothing about what shoppers look for ("I want", "please", "the"), left
 * out of the top question terms. Written as people type them and normalized once here,
 * so final letters and quotes meet the tokenizer's forms.
 */
const HEBREW = `של שלי שלך שלו שלה שלנו את אתה אתם אני אנחנו הוא היא הם הן זה זו זאת אלה אלו עם על אל או גם יש אין
  לי לך לו לה לנו להם מה מי איזה איזו אילו כמה איך איפה מתי למה כי אם אבל רק עוד כל כן לא מאוד ממש יותר פחות הכי
  רוצה רוצים רוצות מחפש מחפשת מחפשים צריך צריכה צריכים בשביל עבור אפשר תמליץ תמליצי ממליץ ממליצה תראה תראי לקנות
  קצת משהו בבקשה תודה שלום היי הי טוב טובה טובים הצעה אולי האם יכול יכולה יהיה היה שיש כדי אחד אחת גם`;

const ENGLISH = `a an the for with and or of to in on at by from my me i you your we our it its is are was be am do does
  have has had want wants need needs looking look some any what which who how where when why can could would should
  will please thanks thank hi hello hey good best show find buy get like something anything this that these those
  there here about not no yes very more less than just also one`;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${HEBREW} ${ENGLISH}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => normalizeText(w)),
);
