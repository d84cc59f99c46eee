import { describe, expect, it } from 'vitest';
import { fileKey, knownHash, planUploads, type FileRecord } from '$lib/uploader/resume';

const sha = (c: string) => c.repeat(64);
const frame = { name: 'Light_M 94_10.0s_IRCUT_20250327-014513.fit', size: 4152960, lastModified: 1_700_000_000_000 };

function records(...list: Omit<FileRecord, 'key'>[]): Map<string, FileRecord> {
	return new Map(list.map((r) => [fileKey(r), { ...r, key: fileKey(r) }]));
}

describe('knownHash', () => {
	const stored = records({ ...frame, sha256: sha('a'), state: 'done', token: 't1' });

	it('reuses the stored hash when name, size and modification time match', () => {
		expect(knownHash(frame, stored)).toBe(sha('a'));
	});

	it('hashes again when any of them changed', () => {
		expect(knownHash({ ...frame, size: frame.size + 1 }, stored)).toBeNull();
		expect(knownHash({ ...frame, lastModified: frame.lastModified + 1 }, stored)).toBeNull();
		expect(knownHash({ ...frame, name: 'other.fit' }, stored)).toBeNull();
	});

	it('ignores a stored value that is not a SHA-256', () => {
		expect(knownHash(frame, records({ ...frame, sha256: 'nope', state: 'hashed', token: null }))).toBeNull();
	});
});

describe('planUploads', () => {
	it('skips what this session holds, marks what the user stored before, sends the rest', () => {
		const files = [
			{ name: 'a.fit', sha256: sha('a') },
			{ name: 'b.fit', sha256: sha('b') },
			{ name: 'c.fit', sha256: sha('c') }
		];
		// The server's check answers for every session of the user, this one included.
		const plan = planUploads(files, new Set([sha('a')]), new Set([sha('a'), sha('b')]));
		expect(plan).toEqual([{ kind: 'sent' }, { kind: 'duplicate' }, { kind: 'upload' }]);
	});

	it('a second file with the same content is a twin of the first, whatever the first’s fate', () => {
		const files = [
			{ name: 'a.fit', sha256: sha('a') },
			{ name: 'copy of a.fit', sha256: sha('a') },
			{ name: 'b.fit', sha256: sha('b') },
			{ name: 'b again.fit', sha256: sha('b') }
		];
		const plan = planUploads(files, new Set([sha('b')]), new Set([sha('b')]));
		expect(plan).toEqual([
			{ kind: 'upload' },
			{ kind: 'twin', of: 'a.fit' },
			{ kind: 'sent' },
			{ kind: 'twin', of: 'b.fit' }
		]);
	});

	it('after a reload: only the files missing on the server are sent', () => {
		const names = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.fit`, sha256: sha(i.toString(16)) }));
		const onServer = new Set(names.slice(0, 5).map((f) => f.sha256));
		const plan = planUploads(names, onServer, onServer);
		expect(plan.filter((v) => v.kind === 'upload')).toHaveLength(7);
		expect(plan.slice(0, 5).every((v) => v.kind === 'sent')).toBe(true);
	});
});
