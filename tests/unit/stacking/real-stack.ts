// A real Seestar set stacked with the pipeline's defaults (one thread, no catalogue), once per test
// run: the stack tests, the solver tests and the browser solver test all read the same M 94 stack.
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { StackReport } from '../../../src/lib/stacking/types';
import { runCached } from '../../helpers/run-cache';
import { folderSources } from './helpers';

export interface Stacked {
	fits: Uint8Array;
	report: StackReport;
}

/** The frames of `dir` whose names contain `match`, stacked; cached as the report's JSON length (u32), the JSON, the FITS. */
export async function realStack(dir: string, match = ''): Promise<Stacked> {
	const bytes = await runCached(`stack ${dir} ${match}`, async () => {
		const pool = createLocalPool(loadKernel());
		try {
			const { fits, report } = await stackFrames((await folderSources(dir)).filter((s) => s.name.includes(match)), pool);
			const json = new TextEncoder().encode(JSON.stringify(report));
			const out = new Uint8Array(4 + json.length + fits.length);
			new DataView(out.buffer).setUint32(0, json.length);
			out.set(json, 4);
			out.set(fits, 4 + json.length);
			return out;
		} finally {
			await pool.close();
		}
	});
	const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
	return { report: JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))), fits: bytes.subarray(4 + length) };
}
