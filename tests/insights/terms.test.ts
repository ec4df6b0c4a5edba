import { questionTerms, questionWords, rankTerms } from '../../proxy/src/insights/terms';

const counted = (messages: string[]) => {
  const terms = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const m of messages) {
    const q = questionTerms(m);
    for (const t of q.terms) terms.set(t, (terms.get(t) ?? 0) + 1);
    for (const p of q.phrases) phrases.set(p, (phrases.get(p) ?? 0) + 1);
  }
  return rankTerms(terms, phrases, { terms: 10, phrases: 10 });
};

describe('question terms', () => {
  test('Hebrew stop words are dropped, words are normalized (final letters, niqqud, geresh)', () => {
    expect(questionWords('אני מחפש מָזוֹן לכלבים, בבקשה')).toEqual(['מזונ', 'לכלבימ', null]);
    expect(questionTerms('יש לכם צ׳יפס?').terms).toEqual(['ציפס']);
  });

  test('English stop words are dropped; phrases never bridge a dropped word', () => {
    expect(questionTerms('I want a dog leash and a cat toy please')).toEqual({
      terms: ['dog', 'leash', 'cat', 'toy'],
      phrases: ['dog leash', 'cat toy'],
    });
  });

  test('numbers that may identify a person or an order are never counted', () => {
    expect(questionTerms('order 123456 phone 0541234567 size 42 sku-20250').terms).toEqual(['order', 'phone', 'size']);
  });

  test('a word is counted once per message', () => {
    expect(questionTerms('toy toy toy').terms).toEqual(['toy']);
  });

  test('Hebrew prefixes and plural forms merge into the word shoppers asked about', () => {
    const ranked = counted(['מזון לכלבים', 'כלבים גדולים', 'כלבים קטנים', 'הכלב שלי', 'שמלה לכלבים', 'מזון לכלב']);
    // לכלבים, כלבים, הכלב and לכלב meet on their shared stem, shown as the form written most often.
    expect(ranked.terms[0]).toEqual({ term: 'כלבים', count: 6 });
    expect(ranked.terms).toContainEqual({ term: 'מזון', count: 2 });
    // No other word shares "מלה" with it, so "שמלה" keeps its first letter.
    expect(ranked.terms).toContainEqual({ term: 'שמלה', count: 1 });
    expect(ranked.terms.map((t) => t.term)).not.toContain('שלי');
    expect(ranked.phrases[0]).toEqual({ term: 'מזון כלבים', count: 2 });
  });

  test('English plurals and singulars merge, shown as the form written most often', () => {
    const ranked = counted(['dog toys', 'a dog toy', 'toys']);
    expect(ranked.terms).toEqual([
      { term: 'toys', count: 3 },
      { term: 'dog', count: 2 },
    ]);
    expect(ranked.phrases).toEqual([{ term: 'dog toys', count: 2 }]);
  });

  test('limits cut the ranking; ties are ordered by the word', () => {
    const ranked = rankTerms(
      new Map([
        ['b', 2],
        ['a', 2],
        ['c', 1],
      ]),
      new Map(),
      { terms: 2, phrases: 1 },
    );
    expect(ranked.terms).toEqual([
      { term: 'a', count: 2 },
      { term: 'b', count: 2 },
    ]);
  });
});
