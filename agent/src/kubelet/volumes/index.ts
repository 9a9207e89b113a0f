// Pod volumes on the host: setUp / mountsFor / tearDown, and the termination message file.
export { VolumeManager, readTerminationMessage, type VolumeManagerOptions, type SetUpResult } from './manager';
export { MountError } from './mounts';
export { writeAtomic, type Payload, type FileProjection } from './atomic-writer';
export { hostMounter, type Mounter } from './mounter';
export type { TokenSource } from './payload';
