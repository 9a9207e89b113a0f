export { endpointSliceController } from './endpoint-slice-controller';
export { endpointsController } from './endpoints-controller';
