import { readFileSync } from 'node:fs';

/** A live process's peak resident set (VmHWM) in MB, or undefined once it is gone. */
export function peakRssMb(pid: number): number | undefined {
	let status: string;
	try {
		status = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status);
	return kb ? Number(kb[1]) / 1024 : undefined;
}
