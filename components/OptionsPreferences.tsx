import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type PreferenceLocks, type Preferences, PreferencesResponse, type SiteId } from '../lib/messages.ts';
import { registry } from '../lib/sites/registry.ts';
import { t } from '../lib/ui/i18n.ts';
import { askFor, type SendOptionsRequest } from './options/ask.ts';
import { ManagedBadge } from './options/ManagedBadge.tsx';

const UNLOCKED: PreferenceLocks = { sitesOff: false, internalDomains: false };

/** A site as the options list shows it. */
export interface SiteChoice {
  id: SiteId;
  label: string;
}

/** One domain per line, blank lines and stray spaces ignored. */
export function domainsFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

interface Props {
  send: SendOptionsRequest;
  /** Every site, in the registry's order (lib/sites/registry.ts). */
  sites?: readonly SiteChoice[];
}

type Where = 'sites' | 'domains';

/**
 * Which sites Coalface reads, and which domains are colleagues (never leads). A site checkbox shows
 * the rep's click at once and is put back, with the reason, only if the save fails.
 */
export function OptionsPreferences({ send, sites = registry.options }: Props) {
  const domainsId = useId();
  const domainsHintId = useId();
  const domainsErrorId = useId();
  const sitesBadgeId = useId();
  const domainsBadgeId = useId();
  const [locked, setLocked] = useState<PreferenceLocks>(UNLOCKED);
  const [loaded, setLoaded] = useState(false);
  const [sitesOff, setSitesOff] = useState<SiteId[]>([]);
  const [domains, setDomains] = useState('');
  const [status, setStatus] = useState(() => t('optionsLoadingPreferences'));
  const [error, setError] = useState<{ where: Where; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  /** What the background last confirmed, and what the rep last asked for (possibly still on its way). */
  const confirmed = useRef<Preferences | null>(null);
  const intended = useRef<Preferences | null>(null);
  const saves = useRef({ sent: 0, confirmed: 0 });

  useEffect(() => {
    let current = true;
    askFor(send, { type: 'preferences' }, PreferencesResponse).then((outcome) => {
      if (!current) return;
      setStatus('');
      if (outcome.ok) {
        confirmed.current = intended.current = outcome.preferences;
        setSitesOff(outcome.preferences.sitesOff);
        setDomains(outcome.preferences.internalDomains.join('\n'));
        setLocked(outcome.locked ?? UNLOCKED);
        setLoaded(true);
      } else {
        setError({ where: 'domains', message: outcome.message });
      }
    });
    return () => {
      current = false;
    };
  }, [send]);

  const save = async (next: Preferences, done: string, where: Where, failed: string): Promise<boolean> => {
    intended.current = next;
    const ticket = ++saves.current.sent;
    setPending(true);
    setError(null);
    const outcome = await askFor(send, { type: 'set-preferences', preferences: next }, PreferencesResponse);
    if (outcome.ok && ticket > saves.current.confirmed) {
      saves.current.confirmed = ticket;
      confirmed.current = outcome.preferences;
    }
    // Each save carries the whole of what the rep asked for, so the newest one decides what shows.
    if (ticket !== saves.current.sent) return outcome.ok;
    setPending(false);
    if (!outcome.ok) {
      intended.current = confirmed.current;
      setSitesOff(confirmed.current?.sitesOff ?? []);
      setStatus('');
      setError({ where, message: `${failed} ${outcome.message}` });
      return false;
    }
    setSitesOff(outcome.preferences.sitesOff);
    setStatus(done);
    return true;
  };

  const toggleSite = ({ id: site, label: name }: SiteChoice, on: boolean) => {
    const base = intended.current;
    if (!base) return;
    const next = on ? base.sitesOff.filter((s) => s !== site) : [...base.sitesOff.filter((s) => s !== site), site];
    setSitesOff(next);
    void save(
      { ...base, sitesOff: next },
      t(on ? 'optionsSiteOn' : 'optionsSiteOff', name),
      'sites',
      t(on ? 'optionsSiteStillOff' : 'optionsSiteStillOn', name),
    );
  };

  const saveDomains = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const base = intended.current;
    if (!base) return;
    const internalDomains = domainsFrom(domains);
    if (await save({ ...base, internalDomains }, t('optionsDomainsSaved'), 'domains', t('optionsNotSaved')))
      setDomains(internalDomains.join('\n'));
  };

  const domainsError = error?.where === 'domains' ? error.message : null;
  return (
    <div className="cf-options">
      <fieldset
        className="cf-fieldset"
        disabled={!loaded || locked.sitesOff}
        aria-describedby={locked.sitesOff ? sitesBadgeId : undefined}
      >
        <legend>{t('optionsSites')}</legend>
        <p className="cf-meta">{t('optionsSitesAbout')}</p>
        {locked.sitesOff && <ManagedBadge id={sitesBadgeId} why={t('optionsLockedWhy')} />}
        {sites.map((site) => (
          <label key={site.id} className="cf-check">
            <input
              type="checkbox"
              checked={!sitesOff.includes(site.id)}
              onChange={(event) => toggleSite(site, event.currentTarget.checked)}
            />
            {site.label}
          </label>
        ))}
        {error?.where === 'sites' && (
          <p className="cf-error" role="alert">
            {error.message}
          </p>
        )}
      </fieldset>
      <form className="cf-form" onSubmit={saveDomains} noValidate aria-busy={pending}>
        <div className="cf-field">
          <label htmlFor={domainsId}>{t('optionsInternalDomains')}</label>
          <p id={domainsHintId} className="cf-meta">
            {t('optionsDomainsHint')}
          </p>
          {locked.internalDomains && <ManagedBadge id={domainsBadgeId} why={t('optionsLockedWhy')} />}
          <textarea
            id={domainsId}
            className="cf-input"
            rows={4}
            spellCheck={false}
            autoComplete="off"
            value={domains}
            disabled={!loaded || locked.internalDomains}
            onChange={(event) => setDomains(event.currentTarget.value)}
            aria-invalid={domainsError !== null}
            aria-describedby={[
              domainsHintId,
              locked.internalDomains ? domainsBadgeId : null,
              domainsError ? domainsErrorId : null,
            ]
              .filter(Boolean)
              .join(' ')}
          />
        </div>
        <button
          type="submit"
          className="cf-button cf-button--primary"
          disabled={!loaded || pending || locked.internalDomains}
        >
          {t('optionsSave')}
        </button>
      </form>
      <output className="cf-status">{status}</output>
      {domainsError && (
        <p id={domainsErrorId} className="cf-error" role="alert">
          {domainsError}
        </p>
      )}
    </div>
  );
}
