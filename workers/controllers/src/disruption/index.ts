export { disruptionController } from './controller';
