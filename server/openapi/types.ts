import type { z } from 'zod';
import type { Role } from '../../lib/contract/index.ts';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Who may call: anyone (no token), or the listed roles (a token is needed; admin is always listed). */
export type Access = 'public' | readonly Role[];

export interface SuccessResponse {
  description: string;
  /** JSON body (output side of the schema). Absent for 204 or non-JSON bodies. */
  schema?: z.ZodType;
  /** Non-JSON success bodies: the console page, the event stream. */
  contentType?: 'text/html' | 'text/event-stream' | '*/*';
}

export interface Operation {
  method: Method;
  /** OpenAPI form: `/v1/talking-points/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: Access;
  /** JSON request body (input side of the schema). */
  body?: z.ZodType;
  /** Query parameters, one per key of this object schema. */
  query?: z.ZodObject;
  /** Path parameters with a sample value the tests substitute. */
  params?: Readonly<Record<string, { description: string; example: string }>>;
  /** Request headers beyond Authorization (If-Match, Last-Event-ID). */
  headers?: Readonly<Record<string, string>>;
  responses: Readonly<Record<number, SuccessResponse>>;
  /** Error statuses this operation can answer with besides the ones every /v1 route has. */
  errors?: readonly number[];
}
