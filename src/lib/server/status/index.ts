export { statusSnapshot, SNAPSHOT_SESSION_LIMIT } from './snapshot';
export { deleteJob, type Deleted } from './delete-job';
export { deleteUploadSession } from './delete-session';
export { statusStream, type StatusStreamOptions } from './stream';
