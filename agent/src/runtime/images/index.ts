export { ensureLocalImage, BUSYBOX_IMAGE, PAUSE_IMAGE, PAUSE_COMMAND, type LocalImageKind, type EnsureImageOptions } from './ensure';
export { tarArchive, type TarEntry } from './tar';
export { busyboxRootfs } from './rootfs';
export { readProgress, type ProgressLine } from './progress';
