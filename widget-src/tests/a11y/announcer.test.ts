import { describe, expect, it } from '@jest/globals';
import { createAnnouncer, markdownToPlainText } from '../../a11y/announcer';

/** Feeds `text` to an announcer in `step`-character tokens, then finishes; returns what it said. */
function streamThrough(text: string, step: number, locale = 'en'): string[] {
  const announcer = createAnnouncer(locale);
  const said: string[] = [];
  for (let end = step; end < text.length + step; end += step) {
    const next = announcer.update(text.slice(0, end), false);
    if (next) said.push(next);
  }
  const rest = announcer.update(text, true);
  if (rest) said.push(rest);
  return said;
}

describe('markdownToPlainText', () => {
  it('drops emphasis, headings, bullets and link targets, keeping the words', () => {
    const plain = markdownToPlainText(
      '## Two picks\n\n**Salmon** food is *grain-free*.\n\n- [Dog food](https://shop.example/p/1) for ₪ 89\n- `Puppy` food & treats',
    );
    expect(plain).toBe('Two picks\nSalmon food is grain-free.\nDog food for ₪ 89\nPuppy food & treats');
    expect(plain).not.toMatch(/[*#`[\]()]|https?:/);
  });
});

describe('createAnnouncer', () => {
  it('says whole sentences as they complete, never a half sentence, and the rest at the end', () => {
    const text = 'I found two foods. The first is **grain-free**! Which one do you prefer? Both ship today';
    const said = streamThrough(text, 3);
    expect(said).toEqual(['I found two foods.', 'The first is grain-free!', 'Which one do you prefer?', 'Both ship today']);
  });

  it('is not called once per token: a 40-token answer of three sentences makes three announcements', () => {
    const text = 'Here are some options for your dog. Each is in stock. Tell me the size and I will narrow it down.';
    const said = streamThrough(text, Math.ceil(text.length / 40));
    expect(said).toHaveLength(3);
    expect(said.join(' ')).toBe(text);
  });

  it('speaks Hebrew and Arabic sentences, their question marks included', () => {
    expect(streamThrough('מצאתי שני מזונות. איזה מהם מתאים?', 2, 'he')).toEqual(['מצאתי שני מזונות.', 'איזה מהם מתאים?']);
    expect(streamThrough('وجدت منتجين. أيهما تفضّل؟ كلاهما متوفر.', 2, 'ar')).toEqual([
      'وجدت منتجين.',
      'أيهما تفضّل؟',
      'كلاهما متوفر.',
    ]);
  });

  it('says each finished line (a list item, a paragraph without a full stop) as plain text', () => {
    expect(streamThrough('Options:\n\n- **Salmon** food\n- Lamb food', 4)).toEqual(['Options:', 'Salmon food', 'Lamb food']);
  });

  it('returns nothing when no new sentence is complete, and nothing more after the end', () => {
    const announcer = createAnnouncer('en');
    expect(announcer.update('Hello the', false)).toBeNull();
    expect(announcer.update('Hello there. And', false)).toBe('Hello there.');
    expect(announcer.update('Hello there. And', false)).toBeNull();
    expect(announcer.update('Hello there. And more.', true)).toBe('And more.');
    expect(announcer.update('Hello there. And more.', true)).toBeNull();
  });
});
