import { imageSize } from 'image-size';

/** The photo types the model reads and the widget sends. */
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface PhotoLimits {
  /** Largest decoded size in bytes; 0 means photos are refused. */
  maxBytes: number;
  /** Most pixels (width × height). */
  maxPixels: number;
  /** Longest side in pixels. */
  maxSide: number;
}

export const DEFAULT_MAX_PIXELS = 25_000_000;
export const DEFAULT_MAX_SIDE = 8192;

/** A photo that passed every check. `dataUrl` names the type found in the bytes, never the declared one. */
export interface CheckedPhoto {
  type: PhotoType;
  bytes: number;
  width: number;
  height: number;
  dataUrl: string;
}

export type PhotoRejection =
  | 'photos_off'
  | 'not_data_url'
  | 'not_base64'
  | 'empty'
  | 'too_large'
  | 'unsupported_type'
  | 'unreadable'
  | 'too_many_pixels'
  | 'side_too_long';

/** Why a photo was refused, with a message the shopper's widget (or an integrator) can show. */
export class PhotoRejectedError extends Error {
  constructor(
    readonly reason: PhotoRejection,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRejectedError';
  }
}

/** e.g. "4 MB", for messages. */
export const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** `data:<anything>;base64,<payload>`: the declared type is read past, never trusted. */
const DATA_URL = /^data:[^,;]*(?:;[^,;=]+=[^,;]*)*;base64,/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The type from the first bytes: JPEG FF D8 FF, PNG's 8-byte signature, WebP's RIFF….WEBP. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** The longest data URL a photo of `maxBytes` can take (base64 is 4/3 of the bytes, plus the header). */
export function maxDataUrlChars(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4 + 100;
}

/**
 * Checks a shopper's photo without decoding its pixels: a data URL holding base64, not empty, no larger
 * than the limit, a JPEG, PNG or WebP by its bytes, and a width × height (read from the header) small
 * enough that a decompression bomb never reaches the model.
 */
export function checkPhoto(dataUrl: string, limits: PhotoLimits): CheckedPhoto {
  if (limits.maxBytes <= 0) throw new PhotoRejectedError('photos_off', 'Photo search is turned off on this store.');
  const header = DATA_URL.exec(dataUrl);
  if (!header) {
    throw new PhotoRejectedError('not_data_url', 'The photo must be sent as a base64 data URL (data:image/jpeg;base64,…).');
  }
  const payload = dataUrl.slice(header[0].length);
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) {
    throw new PhotoRejectedError('not_base64', 'The photo data is not valid base64.');
  }
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  const size = (payload.length / 4) * 3 - padding;
  if (size === 0) throw new PhotoRejectedError('empty', 'The photo is empty.');
  // Measured before decoding, so an oversized photo costs no memory.
  if (size > limits.maxBytes) {
    throw new PhotoRejectedError('too_large', `The photo is larger than ${megabytes(limits.maxBytes)}.`);
  }
  const bytes = Buffer.from(payload, 'base64');
  const type = sniffPhotoType(bytes);
  if (!type) throw new PhotoRejectedError('unsupported_type', 'The photo must be a JPEG, PNG or WebP image.');
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = imageSize(bytes));
  } catch {
    // A truncated or corrupt header: reported below.
  }
  if (!width || !height) {
    throw new PhotoRejectedError('unreadable', "The photo's dimensions cannot be read; the file may be damaged.");
  }
  if (width > limits.maxSide || height > limits.maxSide) {
    throw new PhotoRejectedError(
      'side_too_long',
      `The photo is ${width}×${height} pixels; each side may be at most ${limits.maxSide} pixels.`,
    );
  }
  if (width * height > limits.maxPixels) {
    throw new PhotoRejectedError(
      'too_many_pixels',
      `The photo has ${Math.round((width * height) / 1e5) / 10} megapixels; at most ${limits.maxPixels / 1e6} are accepted.`,
    );
  }
  return { type, bytes: size, width, height, dataUrl: `data:${type};base64,${payload}` };
}
