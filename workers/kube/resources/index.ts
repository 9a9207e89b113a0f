// Every built-in resource the API serves, by API group.
import type { ResourceDef } from '../registry/types';
import { resources as core } from './core';
import { resources as apps } from './apps';
import { resources as batch } from './batch';
import { resources as autoscaling } from './autoscaling';
import { resources as policy } from './policy';
import { resources as networking } from './networking';
import { resources as discovery } from './discovery';
import { resources as rbac } from './rbac';
import { resources as coordination } from './coordination';
import { resources as storage } from './storage';
import { resources as scheduling } from './scheduling';
import { resources as events } from './events';
import { resources as apiextensions } from './apiextensions';
import { resources as authorization } from './authorization';
import { resources as authentication } from './authentication';
import { resources as metrics } from './metrics';
import { resources as admissionregistration } from './admissionregistration';

export const builtinResources: ResourceDef<any>[] = [
  ...core,
  ...apps,
  ...batch,
  ...autoscaling,
  ...policy,
  ...networking,
  ...discovery,
  ...rbac,
  ...coordination,
  ...storage,
  ...scheduling,
  ...events,
  ...apiextensions,
  ...authorization,
  ...authentication,
  ...metrics,
  ...admissionregistration,
];
