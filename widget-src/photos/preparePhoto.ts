/**
 * A shopper's photo, made small before it leaves the browser: scaled so its longest side is at most
 * 1024 px and re-encoded as JPEG. Re-encoding from pixels drops EXIF, so the camera's location and
 * other metadata never reach the store or the model. The proxy checks the result again.
 */

export const PHOTO_MAX_SIDE = 1024;
export const PHOTO_QUALITY = 0.85;
/** Files the picker offers; anything else is refused before it is read. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';
/** Larger camera files are refused unread (a 48-megapixel JPEG is about 20 MB). */
export const PHOTO_MAX_FILE_BYTES = 40 * 1024 * 1024;

export interface PreparedPhoto {
  /** `data:image/jpeg;base64,…`, for the request and the thumbnail. */
  dataUrl: string;
  width: number;
  height: number;
}

export type PhotoProblem = 'unsupported' | 'too_large' | 'unreadable';

export class PhotoError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(problem);
    this.name = 'PhotoError';
  }
}

/** The size that fits in `max` × `max`, keeping the proportions (never enlarged). */
export function fittedSize(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Draws the bitmap at its fitted size and encodes it as JPEG (OffscreenCanvas where there is one). */
async function encodeJpeg(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('unreadable');
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoError('unreadable');
  context.drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoError('unreadable'))), 'image/jpeg', PHOTO_QUALITY),
  );
}

export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
  if (!PHOTO_ACCEPT.split(',').includes(file.type)) throw new PhotoError('unsupported');
  if (file.size > PHOTO_MAX_FILE_BYTES) throw new PhotoError('too_large');
  let bitmap: ImageBitmap;
  try {
    // The camera's orientation tag is applied to the pixels, so the photo stays upright without it.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('unreadable');
  }
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height);
    const jpeg = await encodeJpeg(bitmap, width, height);
    return { dataUrl: await readAsDataUrl(jpeg), width, height };
  } finally {
    bitmap.close();
  }
}
