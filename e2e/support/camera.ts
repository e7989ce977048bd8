/**
 * A fake camera for Chromium: a picture (a delegate's QR ticket, PNG) turned into a Y4M video file, which
 * `--use-file-for-fake-video-capture` plays in a loop to any page that opens the camera. A Y4M file is a one-line text
 * header and raw YUV 4:2:0 frames; the PNG is decoded here with zlib (8-bit grey, RGB, palette, grey+alpha or RGBA).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export type Rgba = { width: number; height: number; data: Uint8Array };

/** Decodes a non-interlaced 8-bit PNG into RGBA pixels. */
export function decodePng(png: Buffer): Rgba {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9] as number;
      if (depth !== 8 || body[12] !== 0) throw new Error(`PNG with bit depth ${depth} or interlacing is not supported here`);
    } else if (type === 'PLTE') palette = Buffer.from(body);
    else if (type === 'IDAT') idat.push(Buffer.from(body));
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`PNG colour type ${colorType} is not supported here`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      const v = line[x] as number;
      let out: number;
      if (filter === 0) out = v;
      else if (filter === 1) out = v + a;
      else if (filter === 2) out = v + b;
      else if (filter === 3) out = v + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[y * stride + x] = out & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    let r: number;
    let g: number;
    let bl: number;
    let al = 255;
    if (colorType === 0 || colorType === 4) {
      r = g = bl = pixels[s] as number;
      if (colorType === 4) al = pixels[s + 1] as number;
    } else if (colorType === 3) {
      const k = (pixels[s] as number) * 3;
      r = palette?.[k] ?? 0;
      g = palette?.[k + 1] ?? 0;
      bl = palette?.[k + 2] ?? 0;
    } else {
      r = pixels[s] as number;
      g = pixels[s + 1] as number;
      bl = pixels[s + 2] as number;
      if (colorType === 6) al = pixels[s + 3] as number;
    }
    // Transparent pixels over white, like a printed ticket.
    data.set([(r * al + 255 * (255 - al)) / 255, (g * al + 255 * (255 - al)) / 255, (bl * al + 255 * (255 - al)) / 255, 255], i * 4);
  }
  return { width, height, data };
}

/**
 * Writes a Y4M file of `frames` identical frames (width × height, even numbers): white, with the picture in the middle
 * scaled by whole pixels to about half the frame's height. A blank (white) video when `picture` is null.
 */
export function writeY4m(file: string, picture: Rgba | null, opts: { width?: number; height?: number; frames?: number } = {}) {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const frames = opts.frames ?? 5;
  const lumaOf = (r: number, g: number, b: number) => Math.round(0.257 * r + 0.504 * g + 0.098 * b + 16);
  const y = new Uint8Array(width * height).fill(lumaOf(255, 255, 255));
  if (picture) {
    const scale = Math.max(1, Math.floor((height * 0.6) / picture.height));
    const w = picture.width * scale;
    const h = picture.height * scale;
    const x0 = Math.floor((width - w) / 2);
    const y0 = Math.floor((height - h) / 2);
    for (let py = 0; py < h; py++)
      for (let px = 0; px < w; px++) {
        const s = (Math.floor(py / scale) * picture.width + Math.floor(px / scale)) * 4;
        y[(y0 + py) * width + x0 + px] = lumaOf(picture.data[s] as number, picture.data[s + 1] as number, picture.data[s + 2] as number);
      }
  }
  // Grey only: both chroma planes at their neutral value.
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
