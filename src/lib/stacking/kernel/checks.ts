// What the kernel refuses, with messages that name the value and what is supported.
import type { BandFrame, BayerPattern, Bitpix, FramePixels } from '../types';
import { rowBytes } from './abi';
import { sourceRows } from './source-rows';

const BITPIX: readonly Bitpix[] = [8, 16, 32, -32, -64];
const PATTERNS: readonly BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];

export function checkFrame(px: FramePixels, where: string): void {
	const { width, height, y0, rows, bitpix, bayer, data } = px;
	if (!Number.isInteger(width) || width < 8 || !Number.isInteger(height) || height < 8) {
		throw new RangeError(`${where}: frame size ${width} x ${height} is not supported; both sides must be integers >= 8`);
	}
	if (!BITPIX.includes(bitpix)) throw new RangeError(`${where}: BITPIX ${bitpix} is not supported; supported: ${BITPIX.join(', ')}`);
	if (bayer !== null && !PATTERNS.includes(bayer)) {
		throw new RangeError(`${where}: Bayer pattern ${String(bayer)} is not supported; supported: ${PATTERNS.join(', ')} or null (mono)`);
	}
	if (!Number.isFinite(px.bzero) || !Number.isFinite(px.bscale)) throw new RangeError(`${where}: BZERO ${px.bzero} / BSCALE ${px.bscale} must be finite`);
	if (!Number.isInteger(y0) || !Number.isInteger(rows) || y0 < 0 || rows < 2 || y0 + rows > height) {
		throw new RangeError(`${where}: rows [${y0}, ${y0 + rows}) must be at least 2 rows inside the frame's ${height}`);
	}
	const need = rows * rowBytes(px);
	if (!(data instanceof Uint8Array) || data.length < need) {
		throw new RangeError(`${where}: ${rows} rows of ${width} pixels at BITPIX ${bitpix} need ${need} bytes, got ${data?.length}`);
	}
}

/** Validates one band frame; returns the source rows the band needs from it. */
export function checkBandFrame(bf: BandFrame, i: number, y0: number, rows: number, width: number): [number, number] {
	const px = bf.pixels;
	checkFrame(px, `combineBand frame ${i}`);
	const numbers = [...bf.refToFrame, ...bf.scale, ...bf.offset, ...bf.target];
	if (bf.refToFrame.length !== 6 || bf.scale.length !== 3 || bf.offset.length !== 3 || bf.target.length !== 3 || !numbers.every(Number.isFinite)) {
		throw new RangeError(`combineBand frame ${i}: refToFrame needs 6 and scale/offset/target 3 finite numbers each`);
	}
	if (!(bf.weight > 0)) throw new RangeError(`combineBand frame ${i}: weight must be > 0, got ${bf.weight}`);
	const [s0, s1] = sourceRows(bf.refToFrame, y0, rows, width, px.height);
	if (s1 > s0 && (px.y0 > s0 || px.y0 + px.rows < s1)) {
		throw new RangeError(`combineBand frame ${i}: holds rows [${px.y0}, ${px.y0 + px.rows}) but the band needs [${s0}, ${s1}) (see sourceRows)`);
	}
	return [s0, s1];
}
