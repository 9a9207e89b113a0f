export { createNodeLifecycleController, nodeLifecycleController } from './controller';
export { nodeLifecycleConfig, type NodeLifecycleConfig } from './config';
