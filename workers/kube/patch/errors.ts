// How patch failures surface: a malformed patch is the client's syntax error (400); a well-formed one
// that does not fit the object is 422 Invalid, worded like upstream's generic response for that code.
import { StatusError, badRequest } from '../status';

const REJECTED = 'the server rejected our request due to an error in our request';

export class PatchApplyError extends Error {}

export const malformedPatch = (detail: string) => badRequest(detail);

export const patchDoesNotApply = (detail: string) =>
  new StatusError(422, 'Invalid', `${REJECTED}: ${detail}`, { causes: [{ message: detail }] });

/** The patch document itself is not a list of objects: a 400, unlike operations that cannot apply (422). */
export class PatchShapeError extends PatchApplyError {}
