// The bad-input table: every case breaks exactly one thing in a real manifest (see test/bad-input/).
export * from './bad-input/fixtures';
import type { BadCase } from './bad-input/fixtures';
import { BODY_CASES } from './bad-input/body-cases';
import { REQUEST_CASES } from './bad-input/request-cases';

export const CASES: BadCase[] = [...BODY_CASES, ...REQUEST_CASES];
