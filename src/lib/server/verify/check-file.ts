import type { CatalogSource } from '$lib/catalog';
import { decodeToFloat32, readHdus, readImageHdu, type Hdu } from '$lib/fits';
import type { KernelPool } from '$lib/stacking';
import { calibrateStack } from '$lib/stacking/calibrate-stack';
import type { OpenFrame } from '$lib/stacking/open-frames';
import { METHOD_NAME } from '$lib/stacking/stack-frames';
import { Mismatch } from './mismatch';

export interface FileInputs {
	/** The submitted planes, decoded. */
	planes: { r: Float32Array; g: Float32Array; b: Float32Array };
	width: number;
	height: number;
	reference: OpenFrame;
	/** Aligned frames in the ticket's order. */
	aligned: OpenFrame[];
	inputCount: number;
	/** The reference's background (audited): the sky the stack's star finder fills uncovered pixels with. */
	refBackground: [number, number, number];
	/** The star catalogue the stacker solved against (the one this server serves to workers). */
	catalog: CatalogSource;
}

/**
 * Everything in the file but the pixels is a function of the pixels and the frames' headers: the
 * stars the kernel finds on the submitted planes, their plate solution and zero points, the
 * header the stacker writes for these frames (calibrateStack, as the stacker calls it).
 * Writes the file again from the submitted planes and FOOTPRINT; it must be the same bytes. The
 * pixels themselves are checked by band (checkBands).
 */
export async function checkFile(pool: KernelPool, stack: Uint8Array, inputs: FileInputs): Promise<void> {
	const hdus = readHdus(stack);
	const footprint = hdus.find((h) => h.header.string('EXTNAME') === 'FOOTPRINT')!;
	const coverage = Uint16Array.from(decodeToFloat32(readImageHdu(stack, footprint)));
	const { width, height } = inputs;
	const combined = { ...inputs.planes, coverage, rejected: 0 };
	const { fits: rebuilt } = await calibrateStack(pool, {
		stack: combined,
		width,
		height,
		sky: inputs.refBackground.reduce((a, b) => a + b, 0) / 3,
		reference: inputs.reference,
		aligned: inputs.aligned.map((f) => f.meta),
		inputCount: inputs.inputCount,
		method: METHOD_NAME,
		catalog: inputs.catalog
	});
	const at = firstDifference(stack, rebuilt);
	if (at < 0) return;
	const hdu = hduAt(hdus, at);
	const part = !hdu ? 'the file' : hdu.index === 0 ? 'the PRIMARY header' : `${hdu.header.string('EXTNAME') ?? `HDU ${hdu.index}`}`;
	throw new Mismatch(`${part} is not what the stacker writes for these frames and planes (first difference at byte ${at})`);
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
	return a.length === b.length ? -1 : n;
}

function hduAt(hdus: Hdu[], at: number): Hdu | undefined {
	return [...hdus].reverse().find((h) => h.headerOffset <= at);
}
