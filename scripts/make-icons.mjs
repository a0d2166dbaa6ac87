// Renders resources/icon.svg to the icon files electron-builder wants, offline:
// PNGs (1024, 512, 256, ...) through the system Chromium (playwright-core),
// then icon.ico and icon.icns assembled here. Both formats can hold PNG
// images as they are, so no image library is needed.
//   node scripts/make-icons.mjs   (needs /usr/bin/chromium or CHROMIUM_PATH)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const sizes = [1024, 512, 256, 128, 64, 48, 32, 16];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const png = {};
try {
  const page = await browser.newPage();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    png[size] = await page.locator('svg').screenshot({ omitBackground: true });
  }
} finally {
  await browser.close();
}

writeFileSync(join(dir, 'icon.png'), png[512]);
writeFileSync(join(dir, 'icon-256.png'), png[256]);

// ICO: a 6-byte header, 16 bytes per image, then the PNGs (width/height 0 means 256).
function ico(list) {
  const header = Buffer.alloc(6 + 16 * list.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(list.length, 4);
  let offset = header.length;
  list.forEach((size, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(png[size].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png[size].length;
  });
  return Buffer.concat([header, ...list.map((s) => png[s])]);
}
writeFileSync(join(dir, 'icon.ico'), ico([256, 64, 48, 32, 16]));

// ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) per image.
function icns(entries) {
  const chunks = entries.map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png[size].length + 8, 4);
    return Buffer.concat([head, png[size]]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
writeFileSync(
  join(dir, 'icon.icns'),
  icns([
    ['ic10', 1024],
    ['ic09', 512],
    ['ic08', 256],
    ['ic07', 128],
    ['icp6', 64],
    ['icp5', 32],
    ['icp4', 16],
  ]),
);
process.stderr.write(`make-icons: wrote icon.png (512), icon-256.png, icon.ico, icon.icns in ${dir}\n`);
