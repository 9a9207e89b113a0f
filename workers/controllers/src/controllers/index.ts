// Every controller this worker runs, by name (each runs in its own Durable Object).
import type { ControllerSpec } from '../runtime/types';
import { serviceAccountController } from './serviceaccount';

export const CONTROLLERS: ControllerSpec[] = [serviceAccountController];

export const controllerByName = new Map(CONTROLLERS.map((c) => [c.name, c]));
