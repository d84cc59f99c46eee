/** Server side of uploads: a file per verb; endpoints import from `$lib/server/uploads`. */
export { cadencesFor, effectiveCadence, setCadence, userCadence, type SetCadenceResult } from './cadence';
export { parseCheckBody } from './check-body';
export { checkHashes, checkUpload } from './check-hashes';
export { createUploadSession } from './create-session';
export { expireStaleSessions, type SweepReport } from './expire';
export { finalizeSession } from './finalize-session';
export { getUploadSession } from './get-session';
export { startHourlySweep } from './hourly-sweep';
export { SESSION_IDLE_MS } from './limits';
export { receiveFile } from './receive-file';
export { parseSha256 } from './validate';
