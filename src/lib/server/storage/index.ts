export type { PutSource, Storage, StoredObject } from './types';
export { StorageError, StorageNotFound } from './errors';
export { storagePath } from './path';
export { createStorage, rawStorage, stackStorage } from './create';
