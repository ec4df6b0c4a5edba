/**
 * Voice input in real Chromium. Without speech recognition (the constructors removed before
 * the page runs) there is no microphone button. With a scripted SpeechRecognition injected
 * before the page's scripts, the shopper toggles the microphone, the words appear in the box
 * as they are "heard", the message is sent, and the recording indicator shows only while
 * listening. axe checks the listening state on desktop and on a phone.
 */
import { expectNoViolations } from './axe';
import { openWidget, type WidgetParts } from './page';
import { DOG_FOOD, useShop, waitForAnswerWithCards } from './shopper';
import { publishScreenshot, viewportScreenshot } from './support';

jest.setTimeout(60_000);

const shop = useShop();

const NO_SPEECH = `delete window.SpeechRecognition; delete window.webkitSpeechRecognition;`;

/**
 * A SpeechRecognition the test drives: `window.__speech.hear([[text, isFinal], …])` delivers
 * results to the live recognition; every created recognition's settings and calls are kept.
 */
const FAKE_SPEECH = `(() => {
  const log = { created: [], live: null };
  class FakeSpeechRecognition {
    constructor() {
      this.lang = ''; this.continuous = false; this.interimResults = false;
      this.onresult = null; this.onerror = null; this.onend = null;
      this.calls = [];
      log.created.push(this);
    }
    start() { this.calls.push('start'); log.live = this; }
    stop() { this.calls.push('stop'); setTimeout(() => this.finish(), 30); }
    abort() { this.calls.push('abort'); setTimeout(() => this.finish(), 0); }
    finish() { if (log.live === this) { log.live = null; this.onend && this.onend(); } }
  }
  window.__speech = {
    hear(results) {
      const list = results.map(([transcript, isFinal]) => Object.assign([{ transcript, confidence: 0.9 }], { isFinal }));
      log.live && log.live.onresult && log.live.onresult({ resultIndex: 0, results: list });
    },
    fail(error) { const r = log.live; if (r) { r.onerror && r.onerror({ error }); r.finish(); } },
    summary() {
      return log.created.map((r) => ({ lang: r.lang, continuous: r.continuous, interimResults: r.interimResults, calls: r.calls }));
    },
  };
  delete window.SpeechRecognition;
  window.webkitSpeechRecognition = FakeSpeechRecognition;
})()`;

const microphone = (parts: WidgetParts) => parts.panel.locator('.aisle-voice__button');
const indicator = (parts: WidgetParts) => parts.panel.locator('.aisle-voice__status--listening');

test('no speech recognition in the browser: no microphone button', async () => {
  const { page } = await shop().shopperPage({ initScripts: [NO_SPEECH] });
  const parts = await openWidget(page);
  await parts.sendButton.waitFor({ state: 'visible' });
  await expect(page.evaluate('typeof window.webkitSpeechRecognition')).resolves.toBe('undefined');
  await expect(microphone(parts).count()).resolves.toBe(0);
  await expect(parts.panel.locator('.aisle-voice__status').count()).resolves.toBe(0);
});

test('the shopper speaks a message: words fill the box, it is sent, the indicator shows only while listening', async () => {
  // A WordPress site in Hebrew says <html lang="he-IL">: the recognition listens for Israeli Hebrew.
  const { page } = await shop().shopperPage({ initScripts: [FAKE_SPEECH], lang: 'he-IL', dir: 'rtl' });
  const parts = await openWidget(page);
  const mic = microphone(parts);
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('false');
  await expect(indicator(parts).count()).resolves.toBe(0);

  await mic.click();
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('true');
  await indicator(parts).waitFor({ state: 'visible' });
  await expect(indicator(parts).getAttribute('role')).resolves.toBe('status');
  await expect(page.evaluate('window.__speech.summary()')).resolves.toEqual([
    { lang: 'he-IL', continuous: true, interimResults: true, calls: ['start'] },
  ]);

  await page.evaluate(`window.__speech.hear([['מזון', false]])`);
  await page.waitForFunction(() => document.querySelector('textarea')?.value === 'מזון');
  await expectNoViolations(page, 'widget he: voice listening', shop().reports);
  await page.evaluate(`window.__speech.hear([['${DOG_FOOD}', true]])`);
  await page.waitForFunction((text) => document.querySelector('textarea')?.value === text, DOG_FOOD);
  await expect(indicator(parts).isVisible()).resolves.toBe(true);
  await publishScreenshot(await viewportScreenshot(page, 'widget-voice-listening-he'), 'widget-voice-listening-he');

  await parts.sendButton.click();
  await expect(parts.userMessages.last().innerText()).resolves.toContain(DOG_FOOD);
  await indicator(parts).waitFor({ state: 'detached' });
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('false');
  await waitForAnswerWithCards(parts);
  await expect(parts.input.inputValue()).resolves.toBe('');
  await expect(page.evaluate('window.__speech.summary()[0].calls')).resolves.toEqual(['start', 'abort']);
  // The proxy got the spoken words as the shopper's message.
  const sent = shop()
    .world.openai.requests.filter((r) => r.path === '/v1/responses')
    .map((r) => JSON.stringify(r.body));
  expect(sent.some((body) => body.includes(DOG_FOOD))).toBe(true);
});

test('toggling off stops listening; a blocked microphone says why; closing the panel stops it', async () => {
  const { page } = await shop().shopperPage({ initScripts: [FAKE_SPEECH] });
  const parts = await openWidget(page);
  const mic = microphone(parts);
  await mic.click();
  await indicator(parts).waitFor({ state: 'visible' });
  await mic.click();
  await indicator(parts).waitFor({ state: 'detached' });
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('false');

  await mic.click();
  await page.evaluate(`window.__speech.fail('not-allowed')`);
  const status = parts.panel.locator('.aisle-voice__status--error');
  await status.waitFor({ state: 'visible' });
  await expect(status.innerText()).resolves.toContain('המיקרופון חסום');
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('false');
  await expectNoViolations(page, 'widget he: voice error (microphone blocked)', shop().reports);

  await mic.click();
  await indicator(parts).waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await parts.panel.waitFor({ state: 'hidden' });
  await expect(page.evaluate('window.__speech.summary().map((r) => r.calls)')).resolves.toEqual([
    ['start', 'stop'],
    ['start', 'abort'],
    ['start', 'abort'],
  ]);
  await parts.launcher.click();
  await expect(mic.getAttribute('aria-pressed')).resolves.toBe('false');
  await expect(indicator(parts).count()).resolves.toBe(0);
});

test('on a phone, full screen: listening passes axe and the button is reachable', async () => {
  const { page } = await shop().shopperPage({
    initScripts: [FAKE_SPEECH],
    viewport: { width: 390, height: 844 },
    mobile: true,
    lang: 'en',
    dir: 'ltr',
    locale: 'en-US',
  });
  const parts = await openWidget(page);
  await expect(parts.panel.getAttribute('aria-modal')).resolves.toBe('true');
  await microphone(parts).tap();
  await indicator(parts).waitFor({ state: 'visible' });
  await expect(indicator(parts).innerText()).resolves.toBe('Listening… Speak, then press Send.');
  await expect(page.evaluate('window.__speech.summary()[0].lang')).resolves.toBe('en');
  await expectNoViolations(page, 'widget en: voice listening, mobile full screen', shop().reports);
});
