import type * as z from 'zod/mini';
import { InputValidationError, UnexpectedResponseError, type AnswerIssue } from '../errors.js';
import { validationMessages } from './requests.js';
import { answerProblems } from './responses.js';

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** The message key of an issue: our own check's key, else `required` or `type`. */
function issueCode(issue: Issue, input: unknown): string {
  if (Object.hasOwn(validationMessages, issue.message)) return issue.message;
  if (valueAt(input, issue.path) === undefined) return 'required';
  return 'type';
}

/** Parses the caller's input, throwing an `InputValidationError` naming the first bad field. */
export function checkInput<S extends z.ZodMiniType>(schema: S, input: unknown, fieldPrefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as Issue;
  const code = issueCode(issue, input);
  const field = [fieldPrefix, dotted(issue.path)].filter(Boolean).join('.') || 'input';
  throw new InputValidationError(field, code, validationMessages[code] ?? 'is invalid');
}

const PROBLEMS: ReadonlySet<string> = new Set(Object.values(answerProblems));

/** The branch of a failed union that matched the value's type, if exactly one did. */
function matchedBranch(issue: Issue & { code: 'invalid_union' }): readonly Issue[] | undefined {
  const typed = issue.errors.filter((branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  return typed.length === 1 ? typed[0] : undefined;
}

function describe(issue: Issue, data: unknown): AnswerIssue[] {
  const path = dotted(issue.path);
  if (valueAt(data, issue.path) === undefined) {
    return [{ path, problem: 'missing' }];
  }
  if (issue.code === 'invalid_type') return [{ path, problem: `expected ${issue.expected}` }];
  if (issue.code === 'invalid_union') {
    // A value of the right type but with an impossible figure inside: name that figure.
    const branch = matchedBranch(issue);
    if (!branch) return [{ path, problem: 'has an unexpected type' }];
    return branch.flatMap((inner) => describe({ ...inner, path: [...issue.path, ...inner.path] } as Issue, data));
  }
  if (PROBLEMS.has(issue.message)) return [{ path, problem: issue.message }];
  return [{ path, problem: 'has an unexpected value' }];
}

/** Parses an answer, throwing an `UnexpectedResponseError` that lists what is missing or wrong (never values). */
export function checkAnswer<S extends z.ZodMiniType>(schema: S, data: unknown, endpoint: string, status: number): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => describe(issue as Issue, data)).slice(0, 5);
  throw new UnexpectedResponseError(endpoint, status, issues);
}
