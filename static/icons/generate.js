/**
 * Draws the app icons (the favicon.svg design: a dark tile, four stars, a faint triangle between
 * three of them) as PNGs with pngjs, so they need no browser or image tool. Run once after a
 * design change and commit the PNGs:  node static/icons/generate.js
 *
 * `maskable` fills the whole square (launchers cut their own shape) and keeps the stars inside the
 * central safe circle (radius 40 % of the size), as the maskable icon spec asks.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const BACKGROUND = [0x0b, 0x0f, 0x17];
/** The favicon's 64-unit design: stars [x, y, r, colour] and the triangle's corners. */
const STARS = [
	[20, 22, 3, [0xe8, 0xc8, 0x72]],
	[44, 18, 2, [0x9f, 0xb7, 0xff]],
	[36, 40, 4, [0xff, 0x9a, 0x76]],
	[16, 46, 2, [0xcf, 0xd8, 0xff]]
];
const TRIANGLE = [[20, 22], [44, 18], [36, 40]];
const LINE = { width: 1.5, colour: [0x5a, 0x6b, 0x8c] };
const TILE_RADIUS = 14;
/** Sub-samples per pixel side, for smooth edges. */
const SAMPLES = 4;

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function insideRoundedTile(x, y) {
	const cx = Math.min(Math.max(x, TILE_RADIUS), 64 - TILE_RADIUS);
	const cy = Math.min(Math.max(y, TILE_RADIUS), 64 - TILE_RADIUS);
	return Math.hypot(x - cx, y - cy) <= TILE_RADIUS;
}

/** The colour at design point (x, y), or null outside the tile (transparent). */
function colourAt(x, y, maskable) {
	if (!maskable && !insideRoundedTile(x, y)) return null;
	for (const [sx, sy, r, colour] of STARS) if (Math.hypot(x - sx, y - sy) <= r) return colour;
	for (let i = 0; i < 3; i++) {
		if (distanceToSegment(x, y, TRIANGLE[i], TRIANGLE[(i + 1) % 3]) <= LINE.width / 2) return LINE.colour;
	}
	return BACKGROUND;
}

function drawIcon(size, maskable) {
	const png = new PNG({ width: size, height: size });
	// Maskable: the design shrunk to 80 % and centred, so everything sits inside the safe zone.
	const scale = maskable ? 64 / (size * 0.8) : 64 / size;
	const offset = maskable ? size * 0.1 : 0;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			const sum = [0, 0, 0];
			let covered = 0;
			for (let sy = 0; sy < SAMPLES; sy++) {
				for (let sx = 0; sx < SAMPLES; sx++) {
					const x = (px + (sx + 0.5) / SAMPLES - offset) * scale;
					const y = (py + (sy + 0.5) / SAMPLES - offset) * scale;
					const inDesign = x >= 0 && x < 64 && y >= 0 && y < 64;
					const colour = inDesign ? colourAt(x, y, maskable) : maskable ? BACKGROUND : null;
					if (!colour) continue;
					covered++;
					for (let c = 0; c < 3; c++) sum[c] += colour[c];
				}
			}
			const i = (py * size + px) * 4;
			for (let c = 0; c < 3; c++) png.data[i + c] = covered ? Math.round(sum[c] / covered) : 0;
			png.data[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
		}
	}
	return PNG.sync.write(png);
}

const ICONS = [
	['icon-192.png', 192, false],
	['icon-512.png', 512, false],
	['maskable-512.png', 512, true],
	['apple-touch-icon.png', 180, true]
];
for (const [name, size, maskable] of ICONS) {
	writeFileSync(new URL(name, import.meta.url), drawIcon(size, maskable));
	console.log(`wrote static/icons/${name} (${size}×${size}${maskable ? ', maskable' : ''})`);
}
