/** Stacks made on the telescope, uploaded through POST /api/stacks as their owner would (the server solves them on intake). */
import { expect } from 'vitest';
import { baseUrl } from '../helpers/browser';
import { fitsHeader } from '../integration/uploads/fixtures';

/** Uploads a telescope stack as the holder of `cookie`; its id. */
export async function uploadStack(cookie: string, fits: Uint8Array): Promise<number> {
	const response = await fetch(`${baseUrl()}/api/stacks`, {
		method: 'POST',
		body: fits as Uint8Array<ArrayBuffer>,
		headers: { cookie, 'content-type': 'application/fits' }
	});
	expect(response.status, await response.clone().text()).toBe(201);
	return (await response.json()).id;
}

/** A small starless 3-plane cube with a pointing, two frames stacked: a valid stack the solver finds nothing in. */
export function starlessCube(): Uint8Array {
	const [w, h] = [64, 48];
	const header = fitsHeader({ SIMPLE: true, BITPIX: 16, NAXIS: 3, NAXIS1: w, NAXIS2: h, NAXIS3: 3, BZERO: 32768, RA: 192.7, DEC: 41.1, XPIXSZ: 2.9, FOCALLEN: 250, 'DATE-OBS': '2025-03-27T05:45:00', STACKCNT: 2 });
	const fits = new Uint8Array(header.length + Math.ceil((3 * w * h * 2) / 2880) * 2880);
	fits.set(header);
	return fits;
}
