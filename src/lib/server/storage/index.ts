export type { PutSource, Storage, StoredObject } from './types';
export { StorageError, StorageNotFound } from './errors';
export { storagePath } from './path';
export { CANDIDATES, candidatePath, candidatesFolder, isCandidatePath, isRawFramePath, jobFolder, newRawFilePath, picturePath, sessionPrefix, stackPaths, telescopeStackPaths } from './layout';
export { createStorage, rawStorage, stackStorage } from './create';
