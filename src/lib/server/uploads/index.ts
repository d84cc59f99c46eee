/** Server side of uploads: a file per verb; endpoints import from `$lib/server/uploads`. */
export { cadencesFor, effectiveCadence, setCadence, userCadence, type SetCadenceResult } from './cadence';
export { parseCheckBody } from './check-body';
export { checkHashes } from './check-hashes';
export { createUploadSession } from './create-session';
export { expireStaleSessions, type SweepReport } from './expire';
export { finalizeSession } from './finalize-session';
export { getUploadSession, type UploadedFile, type UploadSessionView } from './get-session';
export { startHourlySweep } from './hourly-sweep';
export { MAX_CHECK_FILES, MAX_FILE_BYTES, SESSION_IDLE_MS } from './limits';
export { newRawFilePath, sessionPrefix } from './paths';
export { receiveFile, type ReceivedFile } from './receive-file';
export type { JobSummary } from './session-jobs';
export { parseSha256 } from './validate';
