import { z } from 'zod';
import { type FetchedJson, fetchJson, ProviderFetchError } from './fetch-json.ts';
import { discoveryUrl, insecureUrlProblem } from './issuer-url.ts';

/** The parts of an OpenID provider's discovery document the endpoint uses. */
export const DiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  scopes_supported: z.array(z.string()).optional(),
  /** How a confidential client authenticates at the token endpoint (absent: `client_secret_basic`, the default). */
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
export type DiscoveryDocument = z.infer<typeof DiscoveryDocument>;

/**
 * Fetches and checks `<issuer>/.well-known/openid-configuration`: the document names this very
 * issuer (else anyone's document could vouch for anyone's tokens), and its keys are fetched over https.
 */
export async function fetchDiscovery(issuer: string): Promise<{ document: DiscoveryDocument; fetched: FetchedJson }> {
  const insecure = insecureUrlProblem(issuer, 'The issuer');
  if (insecure) throw new ProviderFetchError(insecure);
  const url = discoveryUrl(issuer);
  const fetched = await fetchJson(url, 'the discovery document');
  const parsed = DiscoveryDocument.safeParse(fetched.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'document';
    throw new ProviderFetchError(
      `The discovery document at ${url} is not usable: ${field}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const document = parsed.data;
  if (document.issuer !== issuer) {
    throw new ProviderFetchError(
      `The discovery document at ${url} names the issuer ${document.issuer}, not ${issuer}: give exactly the issuer it names`,
    );
  }
  const insecureKeys = insecureUrlProblem(document.jwks_uri, "The provider's jwks_uri");
  if (insecureKeys) throw new ProviderFetchError(insecureKeys);
  return { document, fetched };
}
