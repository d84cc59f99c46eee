/** The finished picture of a linear stack: pure, deterministic, for browser and Node. */
export { makePicture } from './make-picture';
export { smallRgba } from './small-rgba';
export type { Picture, PictureInput, Rect, ColourStar, ColourCalibration } from './types';
