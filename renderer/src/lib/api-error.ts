import { isErrorShape, type ErrorCode, type ErrorShape } from '../../../shared/errors';

/** A failed call as the UI sees it: a stable code to branch on, a readable message, optional details. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(shape: ErrorShape) {
    super(shape.message);
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
