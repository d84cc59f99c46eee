export { FitsError, type FitsErrorCode } from './errors';
export {
	FitsHeader,
	parseHeader,
	BLOCK_BYTES,
	CARD_BYTES,
	MAX_HEADER_BLOCKS,
	MAX_HEADER_BYTES,
	type Card,
	type CardValue
} from './header';
export { hasEndCard, readHeaderRange, type ReadRange } from './header-range';
export { readHdus, type Hdu } from './read';
export {
	readImageLayout,
	readRawImage,
	readImageHdu,
	decodeToFloat32,
	type BayerPattern,
	type Bitpix,
	type ImageLayout,
	type RawImage
} from './image';
export { imageHeader, writeFits, type HduSpec, type ImageHeaderSpec, type ColumnSpec, type ColumnFormat } from './write';
export { scrubLocation, type ScrubOptions } from './scrub';
export { LocationScrubber, scrubbedChunks } from './scrub-stream';
export { setPrimaryCards, removePrimaryCards } from './header-edit';
export { headerText } from './header-text';
