export { CADENCES, type Cadence, type Chunk, type FrameCheck, type FrameInfo } from './types';
export { frameInfoFromHeader } from './frame-info';
export { windowIndex, chunkKey } from './window';
export { groupChunks, POINTING_GROUP_DEG } from './group';
export { healpixRing, healpixRingCentre, HEALPIX_NSIDE } from './healpix';
export { readFrameHeader } from './read-header';
export { separationDeg } from './pointing';
