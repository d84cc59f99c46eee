/** Largest file accepted (a Seestar frame is about 4 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Sessions left `uploading` this long without a stored file become `expired`. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;
/** Most files one `check` request may name (a night is 1,000-3,000 frames). */
export const MAX_CHECK_FILES = 5000;
/** Longest original file name kept (the `raw_files.filename` column). */
export const MAX_NAME_LENGTH = 255;
