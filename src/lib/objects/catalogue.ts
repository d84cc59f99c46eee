import file from './objects.json';
import { decodeObjects, type ObjectsFile } from './file-format';
import { designationIndex } from './lookup';

/** The committed catalogue, decoded once per process (13,960 objects, ~0.8 MB); a test checks its shape against a fresh build. */
export const OBJECTS = decodeObjects(file as unknown as ObjectsFile);
export const BY_DESIGNATION = designationIndex(OBJECTS);
