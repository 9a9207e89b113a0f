// The request parser lives in workers/kube (the controllers use it too); re-exported for the API's modules.
export * from '../../../kube/client/request-info';
