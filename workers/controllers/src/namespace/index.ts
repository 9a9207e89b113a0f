export { namespaceController } from './controller';
