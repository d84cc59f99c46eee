/** Result intake, a file per step (`completeJob` runs them and owns the job's completion), and stacks made on the telescope. */
export { acceptStack } from './accept-stack';
export { addTelescopeStack } from './add-telescope-stack';
export { completeJob } from './complete-job';
export { keepCandidate } from './keep-candidate';
export { expectationFor, loadJobContext, type JobContext } from './job-context';
export { parseSubmission, type Submission } from './parse-submission';
export type { ResultRow } from './record-stack';
export { parseTelescopeUpload, type TelescopeMeta } from './telescope-request';
export { THUMBNAIL_MAX_SIDE } from './thumbnail';
export { validateReport } from './validate-report';
export { validateStack, type StackExpectation, type StackFacts } from './validate-stack';
