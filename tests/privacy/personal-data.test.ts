import { emailHashesIn, hashEmail, maskPersonalData } from '../../proxy/src/privacy/personal-data';
import { createHash } from 'node:crypto';

test.each([
  // Israeli mobiles and landlines, as people type them
  ['התקשרו אליי ל-050-1234567 בבקשה', 'התקשרו אליי ל-[phone] בבקשה'],
  ['הנייד שלי 052 123 4567', 'הנייד שלי [phone]'],
  ['מספר: 0541234567.', 'מספר: [phone].'],
  ['בבית 03-1234567 ובעבודה 02-6543210', 'בבית [phone] ובעבודה [phone]'],
  ['+972-50-123-4567', '[phone]'],
  ['+972 (0)50 123 4567 אחרי 17:00', '[phone] אחרי 17:00'],
  ['אפשר גם 00972 52 765 4321', 'אפשר גם [phone]'],
  // International
  ['call +1 (415) 555-2671 today', 'call [phone] today'],
  ['(415) 555-2671 or 415.555.2671', '[phone] or [phone]'],
  ['UK +44 20 7946 0958', 'UK [phone]'],
  ['DE +49 30 1234567, FR +33 1 23 45 67 89', 'DE [phone], FR [phone]'],
  // Emails, in Hebrew text too
  ['mail me: Dana.Levi+shop@Example.co.il!', 'mail me: [email]!'],
  ['המייל שלי הוא dana@example.com תודה', 'המייל שלי הוא [email] תודה'],
])('masks %s', (input, expected) => {
  expect(maskPersonalData(input)).toBe(expected);
});

test.each([
  'המחיר ₪89.90, מידה 42, הזמנה #12345',
  'delivered on 2026-12-08 at 14:30',
  'price 1,299.90 for 2 items, SKU AB-1234',
  'year 2026, 3 x 250g',
])('leaves ordinary numbers readable: %s', (text) => {
  expect(maskPersonalData(text)).toBe(text);
});

test('email hashes are sha256 of the lower-cased trimmed address, one per distinct address', () => {
  const expected = createHash('sha256').update('dana@example.com').digest('hex');
  expect(hashEmail('  Dana@Example.COM ')).toBe(expected);
  const hashes = emailHashesIn('write to Dana@example.com or dana@EXAMPLE.com, and ל-bob@shop.co.il');
  expect(hashes).toEqual([expected, hashEmail('bob@shop.co.il')]);
  expect(emailHashesIn('no address here, just @mentions and a@b')).toEqual([]);
});
