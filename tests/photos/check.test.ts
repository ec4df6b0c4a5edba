/**
 * The proxy's photo check: the type comes from the bytes (never the declared type or a name), the
 * size from the base64 before decoding, the pixel count from the header without decoding. Each
 * refusal says what was wrong.
 */
import { imageSize } from 'image-size';
import { chatBodyParser } from '../../proxy/src/chat/body';
import { ApiError } from '../../proxy/src/http/errors';
import {
  checkPhoto,
  DEFAULT_MAX_PIXELS,
  DEFAULT_MAX_SIDE,
  PhotoRejectedError,
  sniffPhotoType,
  type PhotoRejection,
} from '../../proxy/src/photos/check';
import { dataUrl, GIF, jpegHeader, PDF, png, webpHeader } from './images';

const LIMITS = { maxBytes: 4 * 1024 * 1024, maxPixels: DEFAULT_MAX_PIXELS, maxSide: DEFAULT_MAX_SIDE };

function refusal(url: string, limits = LIMITS): { reason: PhotoRejection; message: string } {
  try {
    checkPhoto(url, limits);
  } catch (error) {
    if (error instanceof PhotoRejectedError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('the photo was accepted');
}

describe('accepted photos', () => {
  test('a real PNG declared as JPEG is accepted as the PNG it is, and sent on with its real type', () => {
    const photo = checkPhoto(dataUrl(png(40, 30), 'image/jpeg'), LIMITS);
    expect(photo).toMatchObject({ type: 'image/png', width: 40, height: 30 });
    expect(photo.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(photo.bytes).toBe(png(40, 30).length);
  });

  test('JPEG and WebP headers are read for their size', () => {
    expect(checkPhoto(dataUrl(jpegHeader(1024, 683)), LIMITS)).toMatchObject({ type: 'image/jpeg', width: 1024, height: 683 });
    expect(checkPhoto(dataUrl(webpHeader(800, 600), 'image/webp'), LIMITS)).toMatchObject({
      type: 'image/webp',
      width: 800,
      height: 600,
    });
  });

  test('the header builders produce what image-size reads (so the refusals below test the proxy, not the fixtures)', () => {
    expect(imageSize(png(30000, 30000, { pixels: false }))).toMatchObject({ type: 'png', width: 30000, height: 30000 });
    expect(imageSize(jpegHeader(30000, 30000))).toMatchObject({ type: 'jpg', width: 30000, height: 30000 });
    expect(sniffPhotoType(GIF)).toBeNull();
    expect(sniffPhotoType(PDF)).toBeNull();
  });
});

describe('refusals, each with its own message', () => {
  const cases: Array<[string, () => string, PhotoRejection, RegExp]> = [
    ['not a data URL (a web address)', () => 'https://example.com/cat.jpg', 'not_data_url', /data URL/],
    [
      'a data URL without base64',
      () => `data:image/jpeg,${encodeURIComponent('\xff\xd8\xff')}`,
      'not_data_url',
      /base64 data URL/,
    ],
    ['not base64 inside', () => 'data:image/jpeg;base64,@@@not*base64!!', 'not_base64', /not valid base64/],
    ['base64 of a broken length', () => 'data:image/jpeg;base64,/9j/4A', 'not_base64', /not valid base64/],
    ['an empty file', () => 'data:image/jpeg;base64,', 'empty', /empty/],
    ['a GIF declared image/jpeg', () => dataUrl(GIF, 'image/jpeg'), 'unsupported_type', /JPEG, PNG or WebP/],
    [
      'a PDF declared image/jpeg (a renamed photo.jpg)',
      () => dataUrl(PDF, 'image/jpeg'),
      'unsupported_type',
      /JPEG, PNG or WebP/,
    ],
    [
      'PNG text (not PNG bytes) declared image/png',
      () => dataUrl(Buffer.from('PNG image data, 640 x 480', 'latin1'), 'image/png'),
      'unsupported_type',
      /JPEG, PNG or WebP/,
    ],
    ['a PNG signature and nothing else', () => dataUrl(png(1, 1).subarray(0, 10), 'image/png'), 'unreadable', /cannot be read/],
    ['a PNG header claiming 30000×30000', () => dataUrl(png(30000, 30000, { pixels: false })), 'side_too_long', /30000×30000/],
    ['a JPEG header claiming 30000×30000', () => dataUrl(jpegHeader(30000, 30000)), 'side_too_long', /at most 8192/],
    ['a WebP header claiming 9000×100', () => dataUrl(webpHeader(9000, 100)), 'side_too_long', /9000×100/],
    [
      'a JPEG of 6000×6000 (36 megapixels)',
      () => dataUrl(jpegHeader(6000, 6000)),
      'too_many_pixels',
      /36 megapixels; at most 25/,
    ],
  ];
  test.each(cases)('%s', (_name, url, reason, message) => {
    const refused = refusal(url());
    expect(refused.reason).toBe(reason);
    expect(refused.message).toMatch(message);
  });

  test('a photo over the limit is refused from its base64 length, before it is decoded', () => {
    const big = png(1, 1);
    const padded = Buffer.concat([big, Buffer.alloc(4 * 1024 * 1024)]);
    const from = jest.spyOn(Buffer, 'from');
    try {
      expect(refusal(dataUrl(padded))).toEqual({ reason: 'too_large', message: 'The photo is larger than 4 MB.' });
      expect(from).not.toHaveBeenCalled();
    } finally {
      from.mockRestore();
    }
    // One byte under the limit with the same content passes the size check.
    expect(checkPhoto(dataUrl(padded.subarray(0, 4 * 1024 * 1024)), LIMITS).type).toBe('image/png');
  });

  test('photos turned off (0 bytes) refuse any photo', () => {
    expect(refusal(dataUrl(png(2, 2)), { ...LIMITS, maxBytes: 0 }).reason).toBe('photos_off');
  });

  test('every reason has a message of its own', () => {
    const messages = new Set(cases.map(([, url]) => refusal(url()).message.replace(/\d+×\d+|\d+ megapixels/, '')));
    const reasons = new Set(cases.map(([, , reason]) => reason));
    expect(messages.size).toBeGreaterThanOrEqual(reasons.size);
  });
});

describe('the chat body', () => {
  const parse = chatBodyParser({ maxMessageChars: 500 });
  const photo = dataUrl(png(8, 8));

  test('a photo may come without text; without either the body is refused', () => {
    expect(parse({ message: '', thread_id: null, image: { data_url: photo } })).toMatchObject({
      message: '',
      image: { type: 'image/png' },
    });
    expect(parse({ thread_id: null, image: { data_url: photo } }).message).toBe('');
    expect(() => parse({ message: '  ', thread_id: null })).toThrow('message must not be empty');
    expect(() => parse({ thread_id: null })).toThrow('message must not be empty');
  });

  test('a refused photo is a 400 bad_request that says why', () => {
    let caught: unknown;
    try {
      parse({ message: 'like this', thread_id: null, image: { data_url: dataUrl(GIF) } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect(caught).toMatchObject({ status: 400, code: 'bad_request', message: 'The photo must be a JPEG, PNG or WebP image.' });
  });

  test('an image object must hold a data_url string and nothing else', () => {
    expect(() => parse({ message: 'x', thread_id: null, image: { data_url: 7 } })).toThrow('image.data_url must be a string');
    expect(() => parse({ message: 'x', thread_id: null, image: { data_url: photo, name: 'a.jpg' } })).toThrow();
  });
});
