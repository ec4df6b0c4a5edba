/**
 * Which ways to reach a person are offered: WhatsApp only while someone is there (opening
 * hours in the store's time zone), email and the contact page at any time; the wa.me link
 * carries the URL-encoded, capped summary.
 */
import { isOpen, nextOpening, storeClock } from '../../proxy/src/handoff/hours';
import { MAX_SUMMARY_CHARS, cleanSummary, handoffOffer, whatsappLink } from '../../proxy/src/handoff/offer';
import { createHandoffTool, offerFromOutput } from '../../proxy/src/handoff/tool';
import { handoffBody, handoffFromBody } from '../../proxy/src/admin/handoff-schema';
import type { ChatEvent } from '../../proxy/src/contract/events';
import type { HandoffSettings } from '../../proxy/src/tenants/types';

const weekdays = { open: '09:00', close: '17:00' };
const settings: HandoffSettings = {
  whatsapp: '972501234567',
  email: true,
  contactUrl: 'https://shop.example/contact/',
  timezone: 'Asia/Jerusalem',
  hours: { sun: [weekdays], mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays] },
};

// 2026-12-07 is a Monday. Jerusalem is UTC+2 in December.
const mondayNoonJerusalem = new Date('2026-12-07T10:00:00Z');
const mondayNightJerusalem = new Date('2026-12-07T20:30:00Z');
const fridayJerusalem = new Date('2026-12-11T10:00:00Z');

test('the store clock follows its IANA zone or its fixed offset', () => {
  expect(storeClock('Asia/Jerusalem', mondayNoonJerusalem)).toEqual({ weekday: 'mon', minutes: 12 * 60 });
  expect(storeClock('America/New_York', new Date('2026-12-07T03:00:00Z'))).toEqual({ weekday: 'sun', minutes: 22 * 60 });
  expect(storeClock('+05:30', new Date('2026-12-07T20:00:00Z'))).toEqual({ weekday: 'tue', minutes: 90 });
  expect(storeClock('-03:00', new Date('2026-12-07T01:00:00Z'))).toEqual({ weekday: 'sun', minutes: 22 * 60 });
});

test('open within an interval, closed at its end, on other days and without intervals', () => {
  expect(isOpen(settings, { weekday: 'mon', minutes: 9 * 60 })).toBe(true);
  expect(isOpen(settings, { weekday: 'mon', minutes: 17 * 60 })).toBe(false);
  expect(isOpen(settings, { weekday: 'fri', minutes: 12 * 60 })).toBe(false);
  expect(isOpen({ hours: undefined }, { weekday: 'sat', minutes: 3 * 60 })).toBe(true);
  expect(nextOpening(settings, { weekday: 'mon', minutes: 20 * 60 })).toBe('tomorrow 09:00');
  expect(nextOpening(settings, { weekday: 'fri', minutes: 12 * 60 })).toBe('Sunday 09:00');
  expect(nextOpening(settings, { weekday: 'mon', minutes: 8 * 60 })).toBe('today 09:00');
  expect(nextOpening({ hours: {} }, { weekday: 'mon', minutes: 0 })).toBeNull();
});

test('within hours: WhatsApp, email and the contact page', () => {
  const offer = handoffOffer(settings, { reason: 'asked', summary: 'Where is my order?' }, mondayNoonJerusalem);
  expect(offer.options.map((o) => o.kind)).toEqual(['whatsapp', 'email', 'contact_page']);
  expect(offer.options[0]).toMatchObject({ url: 'https://wa.me/972501234567?text=Where%20is%20my%20order%3F' });
  expect(offer.message).toBeUndefined();
});

test('outside hours: no WhatsApp, and the message says when the store answers', () => {
  const night = handoffOffer(settings, { reason: 'cannot_help', summary: 'x' }, mondayNightJerusalem);
  expect(night.options.map((o) => o.kind)).toEqual(['email', 'contact_page']);
  expect(night.message).toBe('The store is closed now and answers tomorrow 09:00 (store time, Asia/Jerusalem).');
  const friday = handoffOffer(
    { ...settings, email: false, contactUrl: undefined },
    { reason: 'asked', summary: '' },
    fridayJerusalem,
  );
  expect(friday.options).toEqual([]);
  expect(friday.message).toContain('Sunday 09:00');
});

test('the wa.me text is URL-encoded, flattened and capped', () => {
  expect(whatsappLink('15551234567', 'שלום & hello\nline two?=#')).toBe(
    `https://wa.me/15551234567?text=${encodeURIComponent('שלום & hello line two?=#')}`,
  );
  expect(whatsappLink('15551234567', '   ')).toBe('https://wa.me/15551234567');
  const long = cleanSummary('א'.repeat(2000));
  expect([...long]).toHaveLength(MAX_SUMMARY_CHARS);
  expect(long.endsWith('…')).toBe(true);
  expect(cleanSummary('a\u0000b\u0007c')).toBe('a b c');
});

test('the tool yields the handoff event and tells the model what the shopper sees', async () => {
  const tool = createHandoffTool(settings, () => mondayNoonJerusalem);
  const events: ChatEvent[] = [];
  const run = tool.run(JSON.stringify({ reason: 'asked', summary: 'Need help with sizes' }), {} as never);
  let step = await run.next();
  while (!step.done) {
    events.push(step.value);
    step = await run.next();
  }
  expect(events).toEqual([{ type: 'handoff', data: expect.objectContaining({ reason: 'asked' }) }]);
  const offer = offerFromOutput(step.value);
  expect(offer?.options.map((o) => o.kind)).toEqual(['whatsapp', 'email', 'contact_page']);
  expect(JSON.parse(step.value).note).toContain('buttons');
  // Bad arguments still offer a person (the shopper must not be stuck).
  const bad = tool.run('not json', {} as never);
  const first = await bad.next();
  expect(first.value).toMatchObject({ type: 'handoff', data: { reason: 'cannot_help' } });
});

test('the pushed settings are checked: digits, times, zone', () => {
  const ok = handoffBody.parse({
    whatsapp: '972501234567',
    email: true,
    contact_url: 'https://shop.example/contact/',
    timezone: 'Asia/Jerusalem',
    hours: { mon: [{ open: '09:00', close: '17:00' }], sat: [] },
  });
  expect(handoffFromBody(ok)).toEqual({
    whatsapp: '972501234567',
    email: true,
    contactUrl: 'https://shop.example/contact/',
    timezone: 'Asia/Jerusalem',
    hours: { mon: [{ open: '09:00', close: '17:00' }], sat: [] },
  });
  expect(handoffFromBody(handoffBody.parse({ whatsapp: '', email: false, timezone: '+02:00', hours: null }))).toEqual({
    email: false,
    timezone: '+02:00',
  });
  for (const bad of [
    { email: true, timezone: 'Mars/Olympus' },
    { email: true, timezone: 'UTC', whatsapp: '+972-50' },
    { email: true, timezone: 'UTC', hours: { mon: [{ open: '18:00', close: '09:00' }] } },
    { email: true, timezone: 'UTC', hours: { funday: [] } },
    { email: true, timezone: 'UTC', contact_url: 'javascript:alert(1)' },
  ]) {
    expect(handoffBody.safeParse(bad).success).toBe(false);
  }
});
