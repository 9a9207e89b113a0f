// Column definition builders. Descriptions are short words of our own.
import type { TableColumnDefinition } from './types';

interface ColOpts {
  type?: string;
  format?: string;
  wide?: boolean;
}

export function col(name: string, description: string, opts: ColOpts = {}): TableColumnDefinition {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.wide ? 1 : 0 };
}

export const NAME = col('Name', 'Name of the object, unique within its namespace.', { format: 'name' });
export const AGE = col('Age', 'Time since the object was created.');
export const CONTAINERS = col('Containers', 'Container names in the pod template.', { wide: true });
export const IMAGES = col('Images', 'Container images in the pod template.', { wide: true });
export const SELECTOR = col('Selector', 'Label selector for the pods this object manages.', { wide: true });
