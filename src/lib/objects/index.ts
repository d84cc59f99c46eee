export type { SkyObject } from './types';
export { designationsIn } from './names';
export { designationIndex, objectsNamed } from './lookup';
export { objectsInField, separationDeg } from './field';
