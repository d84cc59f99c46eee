export { WcsError } from './errors';
export { makeWcs, pixelToSky, skyToPixel, determinant, type Wcs, type Matrix2, type SkyPosition, type PixelPosition } from './wcs';
export { readWcs, MAX_SIP_ORDER } from './read';
export { wcsCards } from './cards';
export { pixelScale, parity, rotation, footprint } from './facts';
export { tanToSky, skyToTan, defaultLonpole, type Tangent } from './tan';
export type { Sip, SipPolynomial } from './sip';
