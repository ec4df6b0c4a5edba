import { offlineReply, quoteForReply } from '../../proxy/src/search';

describe('offlineReply', () => {
  const hits = [
    { id: 1, score: 3 },
    { id: 2, score: 2 },
  ];

  it('says plainly in English that it is in offline catalog mode, and introduces the matches', () => {
    const text = offlineReply('cat toys', hits, 'en');
    expect(text).toMatch(/offline catalog mode/);
    expect(text).toContain('"cat toys"');
    expect(text).toContain('2 closest matches');
  });

  it('says it in Hebrew', () => {
    const text = offlineReply('צעצועים לחתולים', hits.slice(0, 1), 'he');
    expect(text).toContain('מצב קטלוג לא מקוון');
    expect(text).toContain('"צעצועים לחתולים"');
    expect(text).toContain('המוצר המתאים ביותר');
  });

  it('says when nothing matched, with a suggestion', () => {
    expect(offlineReply('unicorn saddle', [], 'en')).toMatch(/found no matching products.*dog food/);
    expect(offlineReply('אוכף לחד קרן', [], 'he')).toContain('לא מצאתי מוצרים מתאימים');
  });

  it('asks what the shopper is looking for when the query is empty', () => {
    expect(offlineReply('   ', [], 'en')).toMatch(/offline catalog mode.*Tell me what you're looking for/);
  });

  it('quotes the query back without markup, controls or excess length', () => {
    expect(quoteForReply('[click](javascript:alert(1)) <b>x</b>')).not.toMatch(/[[\]()<>]/);
    expect(quoteForReply('a\u202Eb\nc')).toBe('a b c');
    const long = quoteForReply('x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
