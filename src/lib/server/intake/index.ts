/** Result intake: a file per step; `completeJob` runs them and owns the job's completion. */
export { acceptStack, deleteCandidates } from './accept-stack';
export { completeJob, type CompleteStatus } from './complete-job';
export { DISAGREEMENT, keepCandidate, MAX_RESULTS } from './keep-candidate';
export { expectationFor, loadJobContext, type JobContext } from './job-context';
export { parseSubmission, type Submission } from './parse-submission';
export type { ResultRow } from './record-stack';
export { stackPaths, candidatePath } from './stack-paths';
export { THUMBNAIL_MAX_SIDE } from './thumbnail';
export { validateReport } from './validate-report';
export { validateStack, type StackExpectation, type StackFacts } from './validate-stack';
