/** The Stacks page and data API: filters, lists, a stack's detail and files, share links. */
export { parsePage, parseStackFilter, MAX_HEALPIX_PIXELS, type StackFilter } from './filter';
export { listStackSummaries, listStacksPage } from './list';
export { stackFileName } from './summary';
export { getSharedStack, getStack } from './detail';
export { ownStackRow, sharedStackRow, type StackRow } from './stack-row';
export { endShareLink, missingShareLink, requireSharedStackRow, shareStack, unshareStack } from './share';
export { attachment, bytesResponse, fileResponse, storedFile, streamedResponse, toWebStream, type StreamedFile } from './file-response';
export { fitsDownload, parseFitsLayout, type FitsLayout } from './fits-download';
export { rgbCube } from './rgb-cube';
export { stackPreview } from './preview';
export { storedPicture } from './picture';
export { parsePictureFormat, pictureDownload, type PictureFormat } from './picture-download';
export { parsePreviewMax, previewSide, MAX_PREVIEW_SIDE, PREVIEW_SIDES } from './preview-sizes';
export { readStackPlanes, type StackPlanes } from './stack-planes';
export { pictureJpeg } from './picture-jpeg';
export { MAX_ZIP_STACKS, parseZipBody, zipStacks } from './zip-stacks';
