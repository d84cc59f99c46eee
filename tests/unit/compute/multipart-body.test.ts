import { describe, expect, it } from 'vitest';
import { multipartBody } from '../../../src/lib/compute/multipart-body';

describe('multipartBody', () => {
	it('builds a body a real form-data parser (undici, as SvelteKit uses) reads back field by field, the file byte for byte', async () => {
		// Every byte value, and CR LF and dashes that could be mistaken for a boundary line.
		const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
		bytes.set(new TextEncoder().encode('\r\n--\r\n'), 300);
		const { body, contentType } = multipartBody({
			stack: { bytes, filename: 'job-7.fits', type: 'application/fits' },
			report: JSON.stringify({ ok: 'é ✓' }),
			cpuMs: '12'
		});
		expect(contentType).toMatch(/^multipart\/form-data; boundary=crowdsky-[0-9a-f]{32}$/);
		const form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
		const stack = form.get('stack');
		expect(stack).toBeInstanceOf(File);
		expect((stack as File).name).toBe('job-7.fits');
		expect((stack as File).type).toBe('application/fits');
		expect(new Uint8Array(await (stack as File).arrayBuffer())).toEqual(bytes);
		expect(form.get('report')).toBe('{"ok":"é ✓"}');
		expect(form.get('cpuMs')).toBe('12');
		expect([...form.keys()]).toEqual(['stack', 'report', 'cpuMs']);
	});

	it('draws a new boundary for every body', () => {
		const a = multipartBody({ x: '1' }).contentType;
		expect(multipartBody({ x: '1' }).contentType).not.toBe(a);
	});
});
