import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.ts';

type Point = [number, number];

/** The mark of page/panel.styles.ts (a honeycomb cell), in its 24 × 24 box. */
const OUTER: Point[] = [[12, 2.2], [20.5, 7.1], [20.5, 16.9], [12, 21.8], [3.5, 16.9], [3.5, 7.1]];
const INNER: Point[] = [[12, 7.6], [15.8, 9.8], [15.8, 14.2], [12, 16.4], [8.2, 14.2], [8.2, 9.8]];

/** Inside a convex polygon whose points turn one way. */
function inside(polygon: Point[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i]!;
    const [x2, y2] = polygon[(i + 1) % polygon.length]!;
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (cross !== 0) {
      if (sign && Math.sign(cross) !== sign) return false;
      sign = Math.sign(cross);
    }
  }
  return true;
}

/**
 * The extension's icon as a PNG of `size` pixels, drawn here (4 × 4 samples a pixel) so that the
 * toolbar icon and the panel's mark are one drawing, with no binary file in the repository.
 */
export function iconPng(size: number): Buffer {
  const N = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let honey = 0;
      let white = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = ((px + (sx + 0.5) / N) / size) * 24;
          const y = ((py + (sy + 0.5) / N) / size) * 24;
          if (inside(INNER, x, y)) white++;
          else if (inside(OUTER, x, y)) honey++;
        }
      }
      const coverage = (honey + white) / (N * N);
      if (!coverage) continue;
      const t = py / size; // honey gradient, light at the top
      const base: Point3 = [0xf5 + (0xb8 - 0xf5) * t, 0xb6 + (0x6e - 0xb6) * t, 0x42 + (0x05 - 0x42) * t];
      const whiteShare = white / (honey + white);
      const mix = (i: 0 | 1 | 2) => Math.round(base[i] * (1 - whiteShare * 0.85) + 255 * whiteShare * 0.85);
      row.set([mix(0), mix(1), mix(2), Math.round(coverage * 255)], 1 + px * 4);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type Point3 = [number, number, number];
