/** The finished picture of a linear stack: pure, deterministic, for browser and Node. */
export { makePicture } from './make-picture';
export type { Picture, PictureInput, Rect } from './types';
