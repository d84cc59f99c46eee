import { readFileSync } from 'node:fs';

/** CPU seconds (user + system, all threads) a live process has used, or undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// Fields after the command name (which may hold spaces) start at state: utime and stime are 14 and 15 of the whole line.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
