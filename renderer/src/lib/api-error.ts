import { isErrorShape, type ErrorCode, type ErrorShape } from '../../../shared/errors';
import { fieldLabel } from '../../../shared/field-label';

/**
 * A refused input in the words of the form, not of the contract: "Follow up date: a date like
 * 2026-01-31" rather than "Invalid input for activity.logCall: followUpDate: …".
 */
function inputMessage(shape: ErrorShape): string {
  const issues = (shape.details as { issues?: unknown } | undefined)?.issues;
  if (shape.code !== 'INVALID_INPUT' || !Array.isArray(issues) || issues.length === 0) return shape.message;
  return (issues as { path: string; message: string }[])
    .map((issue) => (issue.path ? `${fieldLabel(issue.path)}: ${issue.message}` : issue.message))
    .join('; ');
}

/** A failed call as the UI sees it: a stable code to branch on, a readable message, optional details. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(shape: ErrorShape) {
    super(inputMessage(shape));
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}

/** Whatever a host rejected with, as an ApiError (a bridge may hand over plain shapes or bare Errors). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isErrorShape(error)) return new ApiError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'INTERNAL', message });
}
