/** A linear stack as the picture takes it: colour planes of width × height, NaN where nothing covers. */
export interface PictureInput {
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
	/** Frames covering each pixel (the stack's FOOTPRINT); null for stacks without one (Seestar's own). */
	footprint: ArrayLike<number> | null;
	/** Frames in the stack (NIMAGES). */
	nimages: number;
	/**
	 * Catalogue stars of known colour where the stack's plate solution puts them: then the colour is
	 * calibrated on them (catalog-white-balance.ts). Absent or too few: the average star is white.
	 */
	colourStars?: ColourStar[];
}

/** A catalogue star in the stack: 0-based pixel position (x along NAXIS1) and Johnson B−V. */
export interface ColourStar {
	x: number;
	y: number;
	bv: number;
}

/** How the picture's colour was calibrated, and on how many stars. */
export interface ColourCalibration {
	method: 'catalogue' | 'average-star';
	stars: number;
}

/** An axis-aligned rectangle of pixels. */
export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Three float planes of one size. */
export interface Planes {
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
}

/** The finished picture: 16-bit RGB, interleaved, of the crop rectangle of the stack. */
export interface Picture {
	width: number;
	height: number;
	rgb: Uint16Array;
	crop: Rect;
	colour: ColourCalibration;
}
