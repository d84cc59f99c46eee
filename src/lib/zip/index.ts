export { crc32 } from './crc32';
export { zipStream, type ZipEntry } from './zip-writer';
