export * from './token';
export { authenticateBootstrapToken } from './lookup';
