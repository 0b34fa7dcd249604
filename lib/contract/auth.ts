import { z } from 'zod';
import { Role, Timestamp } from './common.ts';

/**
 * An identity provider the endpoint accepts ID tokens from (OpenID Connect), as a client needs it to
 * start the authorization code flow with PKCE: no secret, the client is public.
 */
export const AuthProvider = z.object({
  /** `sso_` + 16 hex characters, from `sso add`. */
  id: z.string(),
  /** What the button says: "Sign in with <name>" (the issuer's host unless `sso add --name`). */
  name: z.string(),
  issuer: z.url(),
  clientId: z.string(),
  /** From the issuer's discovery document. */
  authorizationEndpoint: z.url(),
  tokenEndpoint: z.url(),
  /** Always `openid email profile`, plus what the role claim needs. */
  scopes: z.array(z.string()).min(1),
});
export type AuthProvider = z.infer<typeof AuthProvider>;

export const AuthProviders = z.object({ providers: z.array(AuthProvider) });
export type AuthProviders = z.infer<typeof AuthProviders>;

/** The provider's ID token (a signed JWT), exchanged for a session of the endpoint's own. */
export const SessionRequest = z.strictObject({ idToken: z.string().min(1).max(16_384) });
export type SessionRequest = z.infer<typeof SessionRequest>;

/** A session token works like an access token (`Authorization: Bearer`), until `expiresAt` (≤ 12 h). */
export const Session = z.object({
  token: z.string(),
  role: Role,
  name: z.string(),
  expiresAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** A session as an admin sees it: never the token. */
export const SessionInfo = z.object({
  id: z.string(),
  /** The person's address, from the ID token's `email`. */
  email: z.string(),
  name: z.string(),
  role: Role,
  issuer: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `GET /v1/sessions?email=`: one person's sessions (or everyone's live ones), newest first. */
export const SessionListQuery = z.strictObject({ email: z.string().max(320).optional() });
export type SessionListQuery = z.infer<typeof SessionListQuery>;

export const SessionList = z.object({ sessions: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;
