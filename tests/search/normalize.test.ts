import { stemEnglish } from '../../proxy/src/search/english-forms';
import { hebrewWordForms } from '../../proxy/src/search/hebrew-forms';
import { detectLanguage, normalizeText, tokenize } from '../../proxy/src/search/normalize';
import { parseQuery, wordForms } from '../../proxy/src/search/query-words';

describe('normalizeText', () => {
  it.each([
    ['niqqud', 'מָזוֹן לַחֲתוּלִים', 'מזונ לחתולימ'],
    ['cantillation and niqqud', 'בְּרֵאשִׁ֖ית', 'בראשית'],
    ['shin/sin dots and dagesh', 'שָׁמְפּוּ', 'שמפו'],
    ['final letters', 'ךםןףץ', 'כמנפצ'],
    ['gershayim inside a word', 'ק"ג', 'קג'],
    ['Hebrew gershayim character', 'ק״ג', 'קג'],
    ['typographic quotes', 'ק”ג', 'קג'],
    ['geresh', "צ'יפס ג׳ל", 'ציפס גל'],
    ['maqaf separates words', 'דו־קומתי', 'דו קומתי'],
    ['English lower-case and accents', 'Café TOYS', 'cafe toys'],
    ['presentation forms', 'שׁ', 'ש'],
  ])('%s', (_label, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('splits on spaces and punctuation', () => {
    expect(tokenize('מזון לכלבים, 12 ק"ג!').map((t) => t.text)).toEqual(['מזונ', 'לכלבימ', '12', 'קג']);
  });

  it('keeps SKU-like compounds whole, with their parts', () => {
    expect(tokenize('SKU: DOG-FOOD-104')).toEqual([
      { text: 'sku', parts: [] },
      { text: 'dog-food-104', parts: ['dog', 'food', '104'] },
    ]);
  });
});

describe('hebrewWordForms', () => {
  it.each([
    ['ל prefix', 'לחתול', 'חתול'],
    ['ה prefix', 'הצעצוע', 'צעצוע'],
    ['ו prefix', 'וקולר', 'קולר'],
    ['ב prefix', 'באקווריומ', 'אקווריומ'],
    ['מ prefix', 'מהחנות', 'חנות'],
    ['וה combination', 'והרצועה', 'רצועה'],
    ['שה combination', 'שהכלב', 'כלב'],
    ['ול combination', 'ולחתולימ', 'חתול'],
    ['ים plural', 'כלבימ', 'כלב'],
    ['prefix and plural', 'לכלבימ', 'כלב'],
    ['ות plural meets the singular stem', 'רצועות', 'רצוע'],
    ['ה singular meets the plural stem', 'רצועה', 'רצוע'],
    ['construct plural', 'חטיפי', 'חטיפ'],
    ['two-letter stem of a plural', 'לדגימ', 'דג'],
  ])('%s: %s → %s', (_label, word, stem) => {
    expect(hebrewWordForms(word)).toContain(stem);
  });

  it('keeps the word itself first', () => {
    expect(hebrewWordForms('לכלבימ')[0]).toBe('לכלבימ');
  });

  it('does not strip a prefix that would leave fewer than three letters', () => {
    expect(hebrewWordForms('בית')).not.toContain('ית');
    expect(hebrewWordForms('מזונ')).not.toContain('ונ');
  });

  it('returns no duplicates', () => {
    const forms = hebrewWordForms('והכלבימ');
    expect(new Set(forms).size).toBe(forms.length);
  });
});

describe('stemEnglish', () => {
  it.each([
    ['toys', 'toy'],
    ['dogs', 'dog'],
    ['leashes', 'leash'],
    ['brushes', 'brush'],
    ['boxes', 'box'],
    ['puppies', 'puppy'],
    ['glass', 'glass'],
    ['cactus', 'cactus'],
    ['cat', 'cat'],
    ['100s', '100s'],
  ])('%s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
});

describe('parseQuery', () => {
  it('drops stopwords but keeps the product words', () => {
    expect(parseQuery('I want some toys for my cat').map((w) => w.word)).toEqual(['toys', 'cat']);
    expect(parseQuery('אני מחפש קולר').map((w) => w.word)).toEqual(['קולר']);
  });

  it('keeps stopwords when nothing else is left', () => {
    expect(parseQuery('the').map((w) => w.word)).toEqual(['the']);
  });

  it('weights the surface form above its stems and synonyms', () => {
    const [word] = parseQuery('אוכל לכלבים').slice(1);
    expect(word?.variants[0]).toEqual({ term: 'לכלבימ', weight: 1 });
    const stem = word?.variants.find((v) => v.term === 'כלב');
    expect(stem?.weight).toBeLessThan(1);
    const food = parseQuery('אוכל')[0]?.variants.find((v) => v.term === 'מזונ');
    expect(food?.weight).toBeGreaterThan(0);
    expect(food?.weight).toBeLessThan(1);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(parseQuery('')).toEqual([]);
    expect(parseQuery(' ?! ')).toEqual([]);
  });

  it('uses English stems for Latin words', () => {
    expect(wordForms('toys')).toEqual(['toys', 'toy']);
  });
});

describe('detectLanguage', () => {
  it('tells Hebrew from English', () => {
    expect(detectLanguage('מזון לכלבים')).toBe('he');
    expect(detectLanguage('dog food')).toBe('en');
  });
});
