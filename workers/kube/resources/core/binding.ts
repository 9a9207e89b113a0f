// Binding: the body POSTed to pods/binding to assign a pod to a node. A schema only, not a stored kind.
import { kobject } from '../../schemas/meta';
import { objectReference } from './common/refs';

export const binding = kobject('io.k8s.api.core.v1.Binding', 'Binds a pod to a target object, normally a node.', {
  // Usually a Node; the referenced object type carries its own description.
  target: objectReference,
});
