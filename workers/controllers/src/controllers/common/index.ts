export * from './types';
export { timeMs, timestamp } from './time';
export { isPodActive, isPodTerminating, isPodReady, isPodAvailable, podReadySince, secondsUntilAvailable, maxRestarts } from './pods';
export { controllerOf, controllerRef, claim, withControllerRef, withoutOwner, type Claim } from './controller-ref';
