/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * host, so synthetic data is reproducible byte for byte. Not for cryptography.
 */
export class Rng {
	private state: number;
	private spare: number | null = null;

	constructor(seed: number) {
		if (!Number.isInteger(seed)) throw new RangeError(`Rng: seed must be an integer, got ${seed}`);
		this.state = seed >>> 0;
	}

	/** Uniform 32-bit unsigned integer. */
	uint32(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		return this.uint32() / 4294967296;
	}

	uniform(lo: number, hi: number): number {
		return lo + (hi - lo) * this.next();
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Standard normal deviate (Box–Muller; the second deviate of each pair is kept for the next call). */
	normal(): number {
		if (this.spare !== null) {
			const s = this.spare;
			this.spare = null;
			return s;
		}
		const u = 1 - this.next(); // (0, 1]: log(0) never happens
		const v = this.next();
		const r = Math.sqrt(-2 * Math.log(u));
		this.spare = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	}
}

/** A seed for an independent stream (`stream`, `index`) of a set seeded with `seed`. */
export function deriveSeed(seed: number, stream: number, index = 0): number {
	let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1);
	h = Math.imul(h ^ (stream + 0x7f4a7c15), 0x85ebca77);
	h = Math.imul(h ^ (index + 0x165667b1), 0xc2b2ae3d);
	return (h ^ (h >>> 16)) >>> 0;
}
