/**
 * Deciding what still has to be sent. The server's lists are the truth; the browser's own records
 * (IndexedDB) only save re-hashing a file it has hashed before.
 */

export interface FileIdentity {
	name: string;
	size: number;
	lastModified: number;
}

/** What IndexedDB keeps per file. */
export interface FileRecord extends FileIdentity {
	key: string;
	sha256: string;
	state: 'hashed' | 'done' | 'duplicate';
	/** The upload session it was sent in, when it was sent. */
	token: string | null;
}

export function fileKey({ name, size, lastModified }: FileIdentity): string {
	return `${name}\u0000${size}\u0000${lastModified}`;
}

/** A stored hash, only when name, size and modification time all still match. */
export function knownHash(file: FileIdentity, records: ReadonlyMap<string, FileRecord>): string | null {
	const record = records.get(fileKey(file));
	return record && /^[0-9a-f]{64}$/.test(record.sha256) ? record.sha256 : null;
}

export type Verdict =
	| { kind: 'upload' }
	/** Already in this upload session on the server. */
	| { kind: 'sent' }
	/** The user stored this content before (another session). */
	| { kind: 'duplicate' }
	/** Same content as an earlier file of this drop. */
	| { kind: 'twin'; of: string };

/**
 * One verdict per hashed file, in order. `sessionShas`: the session's files on the server;
 * `haveShas`: the server's answer to check (any session of this user).
 */
export function planUploads(
	files: ReadonlyArray<{ name: string; sha256: string }>,
	sessionShas: ReadonlySet<string>,
	haveShas: ReadonlySet<string>
): Verdict[] {
	const firstName = new Map<string, string>();
	return files.map(({ name, sha256 }) => {
		const first = firstName.get(sha256);
		if (first !== undefined) return { kind: 'twin', of: first };
		firstName.set(sha256, name);
		if (sessionShas.has(sha256)) return { kind: 'sent' };
		if (haveShas.has(sha256)) return { kind: 'duplicate' };
		return { kind: 'upload' };
	});
}
