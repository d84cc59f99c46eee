/** Sessions left `uploading` this long without a stored file become `expired`. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
/** Longest original file name kept (the `raw_files.filename` column). */
export const MAX_NAME_LENGTH = 255;
