/** An owner deletes a stack, a job or an upload session: stored objects first, then rows, then storage use. */
export { deleteStack } from './delete-stack';
export { deleteJob, type Deleted } from './delete-job';
export { deleteUploadSession } from './delete-session';
