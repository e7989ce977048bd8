/**
 * An article's photo as stored: typed by its content (JPEG, PNG or WebP; an SVG or anything else is refused), turned
 * upright by its EXIF orientation, resized to a large copy (at most NEWS_PHOTO_LARGE_PX on its longer side) and a
 * thumbnail, and written anew without any metadata: no EXIF (so no GPS position, camera or owner), no XMP, no IPTC.
 */
import { createHash } from 'node:crypto';
import { NEWS_PHOTO_LARGE_PX, NEWS_PHOTO_MAX_PIXELS, NEWS_PHOTO_THUMB_PX, type NewsPhotoMime } from '@nhip/contracts';
import sharp from 'sharp';
import { AppError } from '../../platform/errors.js';

export type ProcessedPhoto = {
  mime: NewsPhotoMime;
  bytes: Buffer;
  width: number;
  height: number;
  thumb: Buffer;
  thumbWidth: number;
  thumbHeight: number;
  sha256: string;
};

const FORMATS: Record<string, NewsPhotoMime> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export const unsupportedPhoto = () =>
  new AppError(415, 'unsupported_type', 'Ảnh phải là tệp JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp, không theo tên); ảnh chưa được lưu.');

/** The leading bytes of a JPEG, a PNG and a WebP: checked before the image library reads anything. */
function sniff(b: Buffer): NewsPhotoMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

async function encode(input: Buffer, mime: NewsPhotoMime, px: number) {
  // rotate() applies the EXIF orientation; without keepMetadata/withMetadata sharp writes no metadata at all.
  const img = sharp(input, { limitInputPixels: NEWS_PHOTO_MAX_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true });
  const out =
    mime === 'image/jpeg'
      ? img.jpeg({ quality: 82, mozjpeg: true })
      : mime === 'image/png'
        ? img.png({ compressionLevel: 9, adaptiveFiltering: true })
        : img.webp({ quality: 80 });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Checks, resizes and strips one uploaded photo; a broken or unsupported image answers 415, a huge one 413. */
export async function processPhoto(content: Buffer): Promise<ProcessedPhoto> {
  const mime = sniff(content);
  if (!mime) throw unsupportedPhoto();
  let meta: sharp.Metadata;
  try {
    meta = await sharp(content, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupportedPhoto();
  }
  if (FORMATS[meta.format ?? ''] !== mime) throw unsupportedPhoto();
  if (!meta.width || !meta.height) throw unsupportedPhoto();
  if (meta.width * meta.height > NEWS_PHOTO_MAX_PIXELS)
    throw new AppError(413, 'too_large', `Ảnh ${meta.width} × ${meta.height} điểm ảnh quá lớn (tối đa ${NEWS_PHOTO_MAX_PIXELS / 1_000_000} triệu điểm ảnh); ảnh chưa được lưu.`);
  try {
    const large = await encode(content, mime, NEWS_PHOTO_LARGE_PX);
    const thumb = await encode(content, mime, NEWS_PHOTO_THUMB_PX);
    return {
      mime, bytes: large.data, width: large.width, height: large.height, thumb: thumb.data, thumbWidth: thumb.width, thumbHeight: thumb.height,
      sha256: createHash('sha256').update(large.data).digest('hex'),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(415, 'unsupported_type', 'Không đọc được ảnh (tệp hỏng hoặc không trọn vẹn); ảnh chưa được lưu.');
  }
}
