/**
 * Files from a drop or a picker, folders included. A dropped folder arrives as a
 * FileSystemDirectoryEntry that must be read recursively; `readEntries` hands out at most ~100
 * entries per call, so it is called until it returns none.
 */

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
	return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
	return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walkEntry(entry: FileSystemEntry, out: File[]): Promise<void> {
	if (entry.isFile) {
		out.push(await entryFile(entry as FileSystemFileEntry));
	} else if (entry.isDirectory) {
		const reader = (entry as FileSystemDirectoryEntry).createReader();
		for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
			for (const child of batch) await walkEntry(child, out);
		}
	}
}

/**
 * Every file in a drop, walking folders. The entries must be taken synchronously, inside the drop
 * event: the DataTransfer is emptied once the handler returns.
 */
export function filesFromDrop(data: DataTransfer): Promise<File[]> {
	const entries: FileSystemEntry[] = [];
	const loose: File[] = [];
	for (const item of Array.from(data.items)) {
		if (item.kind !== 'file') continue;
		const entry = item.webkitGetAsEntry?.();
		if (entry) entries.push(entry);
		else {
			const file = item.getAsFile();
			if (file) loose.push(file);
		}
	}
	return (async () => {
		const out = [...loose];
		for (const entry of entries) await walkEntry(entry, out);
		return out;
	})();
}
