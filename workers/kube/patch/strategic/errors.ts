// Errors a malformed strategic merge patch produces, worded like upstream's mergepatch errors so
// kubectl users see familiar text. Upstream maps the format errors to 400 and list-of-lists to 422.
import { badRequest, StatusError } from '../../status';
import { goString } from './json';

export const badPatch = (message: string) => badRequest(message);

export const notAnObject = (v: unknown) => {
  const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : typeof v;
  return badRequest(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
};

export const badPatchType = (directive: unknown, m: unknown) => badRequest(`unknown patch type: ${goString(directive)} in map: ${goString(m)}`);

export const noMergeKey = (m: unknown, key: string) => badRequest(`map: ${goString(m)} does not contain declared merge key: ${key}`);

export const badPrimitiveList = () => badRequest('invalid patch format of primitive list');

export const badRetainKeys = () => badRequest('invalid patch format of retainKeys');

export const badSetElementOrder = () => badRequest('invalid patch format of setElementOrder list');

export const orderMismatch = (patchList: unknown, order: unknown) =>
  badRequest(`The order in patch list:\n${goString(patchList)}\n doesn't match $setElementOrder list:\n${goString(order)}\n`);

export const noListOfLists = () => new StatusError(422, 'Invalid', 'lists of lists are not supported');

export const mixedList = (field: string) => badRequest(`list element types are not identical in ${field}`);

export const noMergeKeyDeclared = (field: string) => badRequest(`cannot merge lists without merge key for ${field}`);

export const listMergeDirective = () => badRequest('merging lists cannot yet be specified in the patch');

export const unknownDirective = (key: string, path: string) =>
  badRequest(`unknown strategic merge patch directive ${JSON.stringify(key)} at ${path || '<root>'}`);

export const forbiddenKey = (path: string) => badRequest(`invalid patch: key "__proto__" is not allowed (at ${path})`);
