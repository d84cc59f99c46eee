// Stage 1: big-endian FITS pixels -> float32 physical values (bzero + bscale * raw), storage order.

/** Decodes `count` pixels at `src` (big-endian, BITPIX bitpix) into f32 at `dst`. */
export function decode(src: usize, dst: usize, count: i32, bitpix: i32, bzero: f64, bscale: f64): void {
	const integralZero = bscale == 1.0 && bzero == Math.floor(bzero) && Math.abs(bzero) <= 16777216.0;
	if (bitpix == 16 && integralZero) decode16Exact(src, dst, count, <i32>bzero);
	else if (bitpix == 16) {
		for (let i = 0; i < count; i++) {
			const raw = <i16>bswap<u16>(load<u16>(src + (<usize>i << 1)));
			store<f32>(dst + (<usize>i << 2), <f32>(bzero + bscale * <f64>raw));
		}
	} else if (bitpix == 8) {
		for (let i = 0; i < count; i++) {
			store<f32>(dst + (<usize>i << 2), <f32>(bzero + bscale * <f64>load<u8>(src + <usize>i)));
		}
	} else if (bitpix == 32) {
		for (let i = 0; i < count; i++) {
			const raw = <i32>bswap<u32>(load<u32>(src + (<usize>i << 2)));
			store<f32>(dst + (<usize>i << 2), <f32>(bzero + bscale * <f64>raw));
		}
	} else if (bitpix == -32) {
		for (let i = 0; i < count; i++) {
			const raw = reinterpret<f32>(bswap<u32>(load<u32>(src + (<usize>i << 2))));
			store<f32>(dst + (<usize>i << 2), <f32>(bzero + bscale * <f64>raw));
		}
	} else if (bitpix == -64) {
		for (let i = 0; i < count; i++) {
			const raw = reinterpret<f64>(bswap<u64>(load<u64>(src + (<usize>i << 3))));
			store<f32>(dst + (<usize>i << 2), <f32>(bzero + bscale * raw));
		}
	}
}

/** BITPIX 16 with BSCALE 1 and an integral BZERO: raw + bzero is an exact integer below 2^24, so i32
 * arithmetic gives the same f32 as the f64 formula. 8 pixels per step: byte swap, widen, convert. */
function decode16Exact(src: usize, dst: usize, count: i32, bzero: i32): void {
	const zero = i32x4.splat(bzero);
	const simdEnd = count & ~7;
	let i = 0;
	for (; i < simdEnd; i += 8) {
		const be = v128.load(src + (<usize>i << 1));
		const le = i8x16.shuffle(be, be, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
		const lo = i32x4.add(i32x4.extend_low_i16x8_s(le), zero);
		const hi = i32x4.add(i32x4.extend_high_i16x8_s(le), zero);
		v128.store(dst + (<usize>i << 2), f32x4.convert_i32x4_s(lo));
		v128.store(dst + (<usize>i << 2), f32x4.convert_i32x4_s(hi), 16);
	}
	for (; i < count; i++) {
		const raw = <i32>(<i16>bswap<u16>(load<u16>(src + (<usize>i << 1))));
		store<f32>(dst + (<usize>i << 2), <f32>(raw + bzero));
	}
}
