export { statusSnapshot, SNAPSHOT_SESSION_LIMIT } from './snapshot';
export { statusStream, type StatusStreamOptions } from './stream';
