/**
 * Writes a synthetic set for benchmarks and manual checks:
 *   node --import tsx tests/synthetic/cli.ts --out DIR --count N [--size full|small] [--seed S]
 *     [--rotation DEG] [--shift PX]
 * `small` is 540 x 960 (a quarter of the Seestar frame).
 */
import { parseArgs } from 'node:util';
import { generateSet } from './generate-set';

const SIZES: Record<string, [number, number]> = { full: [1080, 1920], small: [540, 960] };

function main(): void {
	const { values } = parseArgs({
		options: {
			out: { type: 'string' },
			count: { type: 'string' },
			size: { type: 'string', default: 'full' },
			seed: { type: 'string', default: '1' },
			rotation: { type: 'string' },
			shift: { type: 'string' }
		}
	});
	const size = SIZES[values.size ?? 'full'];
	if (!values.out || !values.count || !size) {
		console.error('usage: cli.ts --out DIR --count N [--size full|small] [--seed S] [--rotation DEG] [--shift PX]');
		process.exit(2);
	}
	const started = performance.now();
	const set = generateSet({
		dir: values.out,
		count: Number(values.count),
		width: size[0],
		height: size[1],
		seed: Number(values.seed),
		...(values.rotation !== undefined ? { rotationDeg: Number(values.rotation) } : {}),
		...(values.shift !== undefined ? { maxShift: Number(values.shift) } : {})
	});
	const seconds = (performance.now() - started) / 1000;
	console.log(`${set.frames.length} frames of ${set.width} x ${set.height} in ${set.dir} (${seconds.toFixed(2)} s, ${set.stars.length} stars)`);
}

main();
