import { z } from 'zod';
import { Role, Timestamp } from './common.ts';

/**
 * Who redeems the authorization code at the provider's token endpoint: the browser as a public client
 * (PKCE, no secret), or the endpoint as a confidential client holding the client secret (`sso add
 * --client-secret-file`; Google's Web application clients want their secret even with PKCE).
 */
export const CodeExchange = z.enum(['browser', 'endpoint']);
export type CodeExchange = z.infer<typeof CodeExchange>;

/**
 * An identity provider the endpoint accepts ID tokens from (OpenID Connect), as a client needs it to
 * start the authorization code flow with PKCE. The client never holds a secret: when the provider
 * wants one, `codeExchange` is `endpoint` and the code goes to `POST /v1/sessions` instead.
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
  /** `endpoint`: send the code to `POST /v1/sessions`; `browser`: exchange it at `tokenEndpoint`. An endpoint older than this field means `browser`. */
  codeExchange: CodeExchange.default('browser'),
});
export type AuthProvider = z.infer<typeof AuthProvider>;

export const AuthProviders = z.object({ providers: z.array(AuthProvider) });
export type AuthProviders = z.infer<typeof AuthProviders>;

/** The provider's ID token (a signed JWT), exchanged for a session of the endpoint's own. */
export const IdTokenSessionRequest = z.strictObject({ idToken: z.string().min(1).max(16_384) });
export type IdTokenSessionRequest = z.infer<typeof IdTokenSessionRequest>;

/**
 * The authorization code of a provider whose `codeExchange` is `endpoint`: the endpoint redeems it
 * with the client secret, then verifies the ID token it gets as it verifies one sent directly, and
 * checks its `nonce` claim against `nonce` (the client cannot see that ID token).
 */
export const CodeSessionRequest = z.strictObject({
  providerId: z.string().min(1).max(64),
  code: z.string().min(1).max(4096),
  /** The PKCE verifier (RFC 7636: 43 to 128 unreserved characters). */
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be 43 to 128 characters of A-Z a-z 0-9 . _ ~ -'),
  /** Exactly the redirect URI the authorization request named. */
  redirectUri: z.string().min(1).max(2048),
  /** The nonce the authorization request sent. */
  nonce: z.string().min(1).max(512),
});
export type CodeSessionRequest = z.infer<typeof CodeSessionRequest>;

export const SessionRequest = z.union([IdTokenSessionRequest, CodeSessionRequest], {
  error: 'must be either {idToken} or {providerId, code, codeVerifier, redirectUri, nonce}',
});
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
