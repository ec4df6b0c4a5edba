/**
 * Photo search in real Chromium, against the real proxy on the fake OpenAI and WooCommerce: a
 * shopper picks a 3000×2000 camera JPEG carrying EXIF GPS data; the widget shows a thumbnail,
 * sends a JPEG of at most 1024 px with no EXIF at all, shows the photo in the sent message and the
 * cards the model asked for; the photo reaches the model as an input_image; axe finds nothing
 * with a photo attached. A photo alone is sent with the translated default question.
 * Needs the widget built (`npm run build:widget`) into proxy/static/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { Page } from 'playwright-core';
import { STATIC_DIR } from '../../../proxy/src/app/compose';
import type { ChatRequestBody } from '../../../proxy/src/contract/events';
import { responsesRequests, startChatWorld, type ChatWorld } from '../../chat/setup';
import { launchBrowser, type LaunchedBrowser } from '../../helpers/browser';
import { expectNoViolations, type AxeReport } from './axe';
import { openTestPage, openWidget, servePlaceholderImages, widgetParts, type WidgetParts } from './page';
import { contextPerTest } from './contexts';
import { hebrew, viewportScreenshot } from './support';

jest.setTimeout(60_000);

let world: ChatWorld;
let browser: LaunchedBrowser;
let cameraJpeg: Buffer;

/** The EXIF a phone writes: a camera make and the GPS position of the shot (big-endian TIFF). */
function exifWithGps(): Buffer {
  const make = Buffer.from('AisleCam\0', 'latin1');
  const entry = (tag: number, type: number, count: number, value: Buffer) => {
    const b = Buffer.alloc(12);
    b.writeUInt16BE(tag, 0);
    b.writeUInt16BE(type, 2);
    b.writeUInt32BE(count, 4);
    value.copy(b, 8);
    return b;
  };
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const rationals = (values: number[][]) => Buffer.concat(values.map(([n, d]) => Buffer.concat([u32(n!), u32(d!)])));
  // Layout: header (8) · IFD0 (2 + 2×12 + 4 = 30) · make (9, padded to 10) · GPS IFD (2 + 4×12 + 4 = 54) · 2 × 24 of rationals.
  const ifd0 = 8;
  const makeAt = ifd0 + 30;
  const gpsAt = makeAt + 10;
  const latAt = gpsAt + 54;
  const lonAt = latAt + 24;
  const tiff = Buffer.concat([
    Buffer.from('MM\0\x2a', 'latin1'),
    u32(ifd0),
    Buffer.from([0, 2]),
    entry(0x010f, 2, make.length, u32(makeAt)),
    entry(0x8825, 4, 1, u32(gpsAt)),
    u32(0),
    make,
    Buffer.alloc(1),
    Buffer.from([0, 4]),
    entry(0x0001, 2, 2, Buffer.from('N\0\0\0', 'latin1')),
    entry(0x0002, 5, 3, u32(latAt)),
    entry(0x0003, 2, 2, Buffer.from('E\0\0\0', 'latin1')),
    entry(0x0004, 5, 3, u32(lonAt)),
    u32(0),
    rationals([
      [32, 1],
      [4, 1],
      [4_321, 100],
    ]),
    rationals([
      [34, 1],
      [46, 1],
      [5_678, 100],
    ]),
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, body]);
}

/** True when the JPEG has an APP1 Exif segment (markers are read up to the image data). */
function hasExif(jpeg: Buffer): boolean {
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda) return false;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker === 0xe1 && jpeg.subarray(at + 4, at + 10).toString('latin1') === 'Exif\0\0') return true;
    at += 2 + length;
  }
  return false;
}

/** A 3000×2000 photo drawn and encoded by Chromium itself, with the phone's EXIF spliced in after SOI. */
async function makeCameraJpeg(page: Page): Promise<Buffer> {
  const base64 = (await page.evaluate(`(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const c = canvas.getContext('2d');
    const g = c.createLinearGradient(0, 0, 3000, 2000);
    g.addColorStop(0, '#c0392b');
    g.addColorStop(1, '#f1c40f');
    c.fillStyle = g;
    c.fillRect(0, 0, 3000, 2000);
    c.fillStyle = '#2c3e50';
    c.beginPath();
    c.arc(1500, 1000, 600, 0, Math.PI * 2);
    c.fill();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  })()`)) as string;
  const plain = Buffer.from(base64, 'base64');
  return Buffer.concat([plain.subarray(0, 2), exifWithGps(), plain.subarray(2)]);
}

beforeAll(async () => {
  for (const file of ['widget.js', 'aisle-panel.js']) {
    if (!existsSync(path.join(STATIC_DIR, file))) throw new Error(`${file} is not built: run npm run build:widget`);
  }
  [world, browser] = await Promise.all([startChatWorld(), launchBrowser({ locale: 'he-IL' })]);
  const scratch = await browser.browser.newPage();
  cameraJpeg = await makeCameraJpeg(scratch);
  await scratch.close();
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const contexts = contextPerTest(() => world.openai.reset({ keepCatalog: true }));

async function newShopperPage(): Promise<{ page: Page; parts: WidgetParts; bodies: ChatRequestBody[] }> {
  const page = await contexts.newPage(browser.browser, { viewport: { width: 1280, height: 900 }, locale: 'he-IL' }, 15_000);
  const bodies: ChatRequestBody[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/chat/stream') {
      bodies.push(request.postDataJSON() as ChatRequestBody);
    }
  });
  await servePlaceholderImages(page, world.woo.url);
  await openTestPage(page, { proxyUrl: world.proxy.url });
  await openWidget(page);
  return { page, parts: widgetParts(page), bodies };
}

const photoInput = (parts: WidgetParts) => parts.panel.locator('input[type="file"]');
const thumbnail = (parts: WidgetParts) => parts.panel.locator('.aisle-composer__thumb img');

function decodeDataUrl(dataUrl: string): Buffer {
  const match = /^data:image\/jpeg;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match) throw new Error(`not a JPEG data URL: ${dataUrl.slice(0, 40)}…`);
  return Buffer.from(match[1]!, 'base64');
}

test('the fixture is what a phone sends: 3000×2000 with EXIF GPS', () => {
  expect(imageSize(cameraJpeg)).toMatchObject({ type: 'jpg', width: 3000, height: 2000 });
  expect(hasExif(cameraJpeg)).toBe(true);
  expect(cameraJpeg.includes(Buffer.from('AisleCam'))).toBe(true);
});

test('a camera photo is shown, shrunk to 1024 px without EXIF, sent with the question, and answered with cards', async () => {
  const { page, parts, bodies } = await newShopperPage();
  const reports: AxeReport[] = [];
  const photoButton = parts.panel.getByRole('button', { name: hebrew('Add a photo') });
  await expect(photoButton.isVisible()).resolves.toBe(true);
  await expect(photoInput(parts).getAttribute('capture')).resolves.toBe('environment');
  await expect(photoInput(parts).getAttribute('accept')).resolves.toBe('image/jpeg,image/png,image/webp');

  await photoInput(parts).setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: cameraJpeg });
  await thumbnail(parts).waitFor({ state: 'visible' });
  await expect(thumbnail(parts).getAttribute('alt')).resolves.toBe(hebrew('Photo to send'));
  await expectNoViolations(page, 'widget he: photo attached', reports);
  await viewportScreenshot(page, 'widget-photo-attached');

  world.openai.enqueue(
    { kind: 'function_call', name: 'show_products', arguments: JSON.stringify({ product_ids: world.visibleIds }) },
    { kind: 'text', text: 'אלה המוצרים הדומים ביותר לתמונה.' },
  );
  await parts.input.fill('משהו כזה');
  await parts.input.press('Enter');
  await parts.cards.nth(world.visibleIds.length - 1).waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });

  // What left the browser: a JPEG of at most 1024 px on its longest side, without EXIF or GPS.
  expect(bodies).toHaveLength(1);
  expect(bodies[0]!.message).toBe('משהו כזה');
  const sent = decodeDataUrl(bodies[0]!.image!.data_url);
  expect([...sent.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  expect(imageSize(sent)).toMatchObject({ type: 'jpg', width: 1024, height: 683 });
  expect(hasExif(sent)).toBe(false);
  expect(sent.includes(Buffer.from('AisleCam'))).toBe(false);
  expect(sent.length).toBeLessThan(cameraJpeg.length / 4);

  // The thumbnail left the box; the sent message shows the photo, then the words.
  await expect(thumbnail(parts).count()).resolves.toBe(0);
  const userMessage = parts.userMessages.last();
  await expect(userMessage.locator('img.aisle-message__photo').getAttribute('alt')).resolves.toBe(hebrew('Your photo'));
  await expect(userMessage.locator('.aisle-message__text').textContent()).resolves.toBe('משהו כזה');
  await expect(parts.lastReply.locator('.aisle-card').count()).resolves.toBe(world.visibleIds.length);
  await expectNoViolations(page, 'widget he: photo sent, answer with cards', reports);
  await viewportScreenshot(page, 'widget-photo-answered');

  // The model got the very bytes the browser sent, as an input_image, and the request met the spec.
  const modelInput = (responsesRequests(world.openai)[0]!.body as { input: Array<{ role?: string; content: unknown }> }).input;
  expect(modelInput.find((item) => item.role === 'user')!.content).toEqual([
    { type: 'input_image', image_url: bodies[0]!.image!.data_url, detail: 'auto' },
    { type: 'input_text', text: 'משהו כזה' },
  ]);
  expect(world.openai.specViolations).toEqual([]);
});

test('a photo alone asks the translated default question; the remove button takes the photo back', async () => {
  const { parts, bodies } = await newShopperPage();
  await expect(parts.sendButton.isDisabled()).resolves.toBe(true);
  await photoInput(parts).setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: cameraJpeg });
  await thumbnail(parts).waitFor({ state: 'visible' });
  await expect(parts.sendButton.isDisabled()).resolves.toBe(false);

  await parts.panel.getByRole('button', { name: hebrew('Remove the photo') }).click();
  await expect(thumbnail(parts).count()).resolves.toBe(0);
  await expect(parts.sendButton.isDisabled()).resolves.toBe(true);

  await photoInput(parts).setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: cameraJpeg });
  await thumbnail(parts).waitFor({ state: 'visible' });
  await parts.sendButton.click();
  await parts.replies.first().waitFor({ state: 'visible' });
  await parts.sendButton.waitFor({ state: 'visible' });
  expect(bodies).toHaveLength(1);
  expect(bodies[0]!.message).toBe(hebrew('Find products like the one in this photo.'));
  expect(imageSize(decodeDataUrl(bodies[0]!.image!.data_url))).toMatchObject({ width: 1024, height: 683 });
});

test('a file that is not a photo is refused in the widget with a message, and nothing is sent', async () => {
  const { parts, bodies } = await newShopperPage();
  await photoInput(parts).setInputFiles({
    name: 'photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('%PDF-1.7 not a photo'),
  });
  await parts.panel.getByText(hebrew('This photo could not be read. Try another one.')).waitFor();
  await expect(thumbnail(parts).count()).resolves.toBe(0);
  await expect(parts.sendButton.isDisabled()).resolves.toBe(true);
  expect(bodies).toHaveLength(0);
});
