import { describe, expect, it } from 'vitest';
import { fileNameParts } from '../../../src/lib/format';

describe('fileNameParts', () => {
	it('cuts a Seestar name after its separators and keeps the extension whole', () => {
		const name = 'Light_M 94_10.0s_IRCUT_20250327-014513.fit';
		const parts = fileNameParts(name);
		expect(parts.join('')).toBe(name);
		expect(parts).toEqual(['Light_', 'M ', '94_', '10.0s_', 'IRCUT_', '20250327-', '014513.fit']);
	});

	it('leaves names without separators or extension whole', () => {
		for (const name of ['frame', 'frame.fits', '.hidden', 'a_.fit', 'archive.tar.gz']) {
			expect(fileNameParts(name).join('')).toBe(name);
		}
		expect(fileNameParts('frame.fits')).toEqual(['frame.fits']);
		expect(fileNameParts('a_b-c d.fit')).toEqual(['a_', 'b-', 'c ', 'd.fit']);
	});
});
