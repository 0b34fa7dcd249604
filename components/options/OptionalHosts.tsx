import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { OPTIONAL_HOST_MATCHES, SITE_MATCHES } from '../../lib/sites/registry.ts';
import { t } from '../../lib/ui/i18n.ts';

/** The part of `browser.permissions` this control uses; the options page hands in the real one. */
export interface HostPermissions {
  request(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  getAll(): Promise<{ origins?: string[] }>;
}

/**
 * The match pattern for a CRM domain the rep typed (a host or a URL), or null when it is not one
 * the manifest lets Coalface ask for (`optional_host_permissions`).
 */
export function patternFor(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return null;
  let host: string;
  try {
    host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
  const covered = OPTIONAL_HOST_MATCHES.some((pattern) => {
    const suffix = pattern.replace(/^https:\/\/\*\./, '').replace(/\/\*$/, '');
    return host.endsWith(`.${suffix}`) && /^[a-z0-9.-]+$/.test(host);
  });
  return covered ? `https://${host}/*` : null;
}

/** Custom CRM domains, granted one at a time at the rep's click, and taken back the same way. */
export function OptionalHosts({ permissions }: { permissions: HostPermissions }) {
  const inputId = useId();
  const hintId = useId();
  const [domain, setDomain] = useState('');
  const [granted, setGranted] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const { origins = [] } = await permissions.getAll();
    setGranted(origins.filter((origin) => !(SITE_MATCHES as readonly string[]).includes(origin)));
  }, [permissions]);

  useEffect(() => {
    reload().catch(() => setError(t('optionsHostsReadFailed')));
  }, [reload]);

  // The browser shows its permission prompt only for a request made in the click itself: nothing is awaited first.
  function allow(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const pattern = patternFor(domain);
    if (!pattern) {
      setError(t('optionsNotSalesforceDomain', domain.trim()));
      return;
    }
    setError(null);
    permissions
      .request({ origins: [pattern] })
      .then(async (ok) => {
        setStatus(ok ? t('optionsHostAllowed', pattern) : t('optionsHostDeclined'));
        if (ok) setDomain('');
        await reload();
      })
      .catch(() => setError(t('optionsBrowserRefused')));
  }

  function remove(origin: string) {
    permissions
      .remove({ origins: [origin] })
      .then(async () => {
        setStatus(t('optionsHostRemoved', origin));
        await reload();
      })
      .catch(() => setError(t('optionsBrowserRefusedRemove')));
  }

  return (
    <form onSubmit={allow} aria-label={t('optionsCustomCrmDomains')}>
      <label htmlFor={inputId}>{t('optionsSalesforceDomain')}</label>
      <p id={hintId} className="cf-meta">
        {t('optionsSalesforceHint')}
      </p>
      <input
        id={inputId}
        type="text"
        value={domain}
        placeholder="acme.lightning.crmforce.mil"
        aria-describedby={hintId}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setDomain(event.target.value)}
      />
      <button type="submit" className="cf-button">
        {t('optionsAllowDomain')}
      </button>
      {error && <p role="alert">{error}</p>}
      <output>{status}</output>
      {granted.length > 0 && (
        <ul aria-label={t('optionsAllowedDomains')}>
          {granted.map((origin) => (
            <li key={origin}>
              {origin}{' '}
              <button type="button" className="cf-button cf-button--small" onClick={() => remove(origin)}>
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
