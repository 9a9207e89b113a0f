// Ties a zod-inferred object type to the registry's KObject contract.
import type { KObject } from '../../../registry/types';

export type Stored<T> = T & KObject;
