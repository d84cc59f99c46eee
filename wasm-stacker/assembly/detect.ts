// Stage 5a: star candidates. Luminance, a light 3x3 binomial smoothing, then local maxima of the
// smoothed luminance above a level, away from the edges and from saturated mosaic pixels.
// Candidates are (i32 pixel index, f32 smoothed value) pairs, sorted brightest first.

export const THIRD: f32 = 1.0 / 3.0;

/** dst = (r + g + b) / 3 over count pixels. */
export function luminance(r: usize, g: usize, b: usize, dst: usize, count: i32): void {
	const third = f32x4.splat(THIRD);
	const end = count & ~3;
	let i = 0;
	for (; i < end; i += 4) {
		const o = <usize>i << 2;
		v128.store(dst + o, f32x4.mul(f32x4.add(f32x4.add(v128.load(r + o), v128.load(g + o)), v128.load(b + o)), third));
	}
	for (; i < count; i++) {
		const o = <usize>i << 2;
		store<f32>(dst + o, (load<f32>(r + o) + load<f32>(g + o) + load<f32>(b + o)) * THIRD);
	}
}

/** dst = src smoothed by the separable kernel [1 2 1]/4 in x and y (edges replicated); tmp: same size. */
export function smooth(src: usize, dst: usize, tmp: usize, width: i32, rows: i32): void {
	const stride = <usize>width << 2;
	const quarter = f32x4.splat(0.25);
	for (let y = 0; y < rows; y++) {
		const s = src + <usize>y * stride;
		const t = tmp + <usize>y * stride;
		store<f32>(t, (load<f32>(s) * 3 + load<f32>(s, 4)) * 0.25);
		let x = 1;
		for (; x + 4 < width; x += 4) {
			const p = s + (<usize>x << 2);
			const c = v128.load(p);
			v128.store(t + (<usize>x << 2), f32x4.mul(f32x4.add(f32x4.add(v128.load(p - 4), v128.load(p + 4)), f32x4.add(c, c)), quarter));
		}
		for (; x < width; x++) {
			const p = s + (<usize>x << 2);
			const right = x < width - 1 ? load<f32>(p + 4) : load<f32>(p);
			const c = load<f32>(p);
			store<f32>(t + (<usize>x << 2), (load<f32>(p - 4) + right + (c + c)) * 0.25);
		}
	}
	for (let y = 0; y < rows; y++) {
		const t = tmp + <usize>y * stride;
		const u = tmp + <usize>max(y - 1, 0) * stride;
		const d = tmp + <usize>min(y + 1, rows - 1) * stride;
		const o = dst + <usize>y * stride;
		let x = 0;
		for (; x + 4 <= width; x += 4) {
			const k = <usize>x << 2;
			const c = v128.load(t + k);
			v128.store(o + k, f32x4.mul(f32x4.add(f32x4.add(v128.load(u + k), v128.load(d + k)), f32x4.add(c, c)), quarter));
		}
		for (; x < width; x++) {
			const k = <usize>x << 2;
			const c = load<f32>(t + k);
			store<f32>(o + k, (load<f32>(u + k) + load<f32>(d + k) + (c + c)) * 0.25);
		}
	}
}

/** Local maxima of sm above level, at least `margin` pixels from the run's edges, whose 5x5 mosaic
 * neighbourhood in cfa stays below satLevel. Writes up to cap candidates; returns their count. */
export function detect(sm: usize, cfa: usize, width: i32, rows: i32, level: f32, satLevel: f32, margin: i32, cand: usize, cap: i32): i32 {
	const stride = <usize>width << 2;
	const lv = f32x4.splat(level);
	let n = 0;
	for (let y = margin; y < rows - margin; y++) {
		const row = sm + <usize>y * stride;
		for (let x = margin; x < width - margin; x += 4) {
			let above = i32x4.bitmask(f32x4.gt(v128.load(row + (<usize>x << 2)), lv));
			if (above == 0) continue;
			for (let lane = 0; lane < 4; lane++) {
				const xx = x + lane;
				if (((above >> lane) & 1) == 0 || xx >= width - margin) continue;
				const p = row + (<usize>xx << 2);
				const v = load<f32>(p);
				// strictly above the neighbours met earlier in raster order, not below the later ones: one winner per plateau
				if (!(v > load<f32>(p - 4) && v > load<f32>(p - stride - 4) && v > load<f32>(p - stride) && v > load<f32>(p - stride + 4))) continue;
				if (!(v >= load<f32>(p + 4) && v >= load<f32>(p + stride - 4) && v >= load<f32>(p + stride) && v >= load<f32>(p + stride + 4))) continue;
				if (saturated(cfa, stride, y, xx, satLevel)) continue;
				if (n >= cap) return n;
				store<i32>(cand + (<usize>n << 3), y * width + xx);
				store<f32>(cand + (<usize>n << 3), v, 4);
				n++;
			}
		}
	}
	return n;
}

function saturated(cfa: usize, stride: usize, y: i32, x: i32, satLevel: f32): bool {
	for (let dy = -2; dy <= 2; dy++) {
		const row = cfa + <usize>(y + dy) * stride;
		for (let dx = -2; dx <= 2; dx++) if (load<f32>(row + (<usize>(x + dx) << 2)) >= satLevel) return true;
	}
	return false;
}

/** Sorts n candidates brightest first (ties: lower pixel index first). Heap sort: no scratch. */
export function sortCandidates(cand: usize, n: i32): void {
	for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(cand, i, n);
	for (let end = n - 1; end > 0; end--) {
		swap(cand, 0, end);
		siftDown(cand, 0, end);
	}
}

/** a ranks after b: dimmer, or as bright with a higher index. The heap keeps the last-ranked on top. */
// @ts-ignore: decorator
@inline function after(cand: usize, a: i32, b: i32): bool {
	const va = load<f32>(cand + (<usize>a << 3), 4);
	const vb = load<f32>(cand + (<usize>b << 3), 4);
	return va < vb || (va == vb && load<i32>(cand + (<usize>a << 3)) > load<i32>(cand + (<usize>b << 3)));
}

function siftDown(cand: usize, i: i32, n: i32): void {
	while (true) {
		const l = 2 * i + 1;
		if (l >= n) return;
		let c = l;
		if (l + 1 < n && after(cand, l + 1, l)) c = l + 1;
		if (!after(cand, c, i)) return;
		swap(cand, i, c);
		i = c;
	}
}

// @ts-ignore: decorator
@inline function swap(cand: usize, a: i32, b: i32): void {
	const t = load<u64>(cand + (<usize>a << 3));
	store<u64>(cand + (<usize>a << 3), load<u64>(cand + (<usize>b << 3)));
	store<u64>(cand + (<usize>b << 3), t);
}
