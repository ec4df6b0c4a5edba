import { describe, expect, it } from '@jest/globals';
import { fittedSize, PhotoError, PHOTO_MAX_FILE_BYTES, preparePhoto } from '../../photos/preparePhoto';

describe('preparePhoto', () => {
  it('fits the longest side into 1024 px, keeping proportions, and never enlarges', () => {
    expect(fittedSize(3000, 2000)).toEqual({ width: 1024, height: 683 });
    expect(fittedSize(2000, 3000)).toEqual({ width: 683, height: 1024 });
    expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fittedSize(20000, 1)).toEqual({ width: 1024, height: 1 });
  });

  it('refuses other types and oversized files before reading them', async () => {
    const gif = new Blob(['GIF89a'], { type: 'image/gif' });
    await expect(preparePhoto(gif)).rejects.toEqual(new PhotoError('unsupported'));
    const huge = { type: 'image/jpeg', size: PHOTO_MAX_FILE_BYTES + 1 } as Blob;
    await expect(preparePhoto(huge)).rejects.toMatchObject({ problem: 'too_large' });
  });
});
