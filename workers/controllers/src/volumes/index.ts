export { volumeBindingController } from './controller';
export { planClaim, planVolume, type ClaimAction, type VolumeAction } from './plan';
export { LOCAL_PATH_PROVISIONER, DEFAULT_CLASS, SELECTED_NODE } from './types';
