import { type FormEvent, useEffect, useId, useState } from 'react';
import { type Preferences, PreferencesResponse, type SiteId } from '../lib/messages.ts';
import { askFor, type SendOptionsRequest } from './options/ask.ts';

export const SITE_NAMES: Record<SiteId, string> = {
  gmail: 'Gmail',
  outlook: 'Outlook on the web',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
};
const SITES = Object.keys(SITE_NAMES) as SiteId[];

/** One domain per line, blank lines and stray spaces ignored. */
export function domainsFrom(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

interface Props {
  send: SendOptionsRequest;
}

/** Which sites Coalface reads, and which domains are colleagues (never leads). */
export function OptionsPreferences({ send }: Props) {
  const domainsId = useId();
  const domainsHintId = useId();
  const domainsErrorId = useId();
  const [saved, setSaved] = useState<Preferences | null>(null);
  const [domains, setDomains] = useState('');
  const [status, setStatus] = useState('Loading your preferences…');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let current = true;
    askFor(send, { type: 'preferences' }, PreferencesResponse).then((outcome) => {
      if (!current) return;
      if (outcome.ok) {
        setSaved(outcome.preferences);
        setDomains(outcome.preferences.internalDomains.join('\n'));
        setStatus('');
      } else {
        setStatus('');
        setError(outcome.message);
      }
    });
    return () => {
      current = false;
    };
  }, [send]);

  const save = async (next: Preferences, done: string): Promise<boolean> => {
    setPending(true);
    setError(null);
    const outcome = await askFor(send, { type: 'set-preferences', preferences: next }, PreferencesResponse);
    setPending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      setStatus('');
      return false;
    }
    setSaved(outcome.preferences);
    setStatus(done);
    return true;
  };

  const toggleSite = (site: SiteId, on: boolean) => {
    if (!saved) return;
    const sitesOff = on ? saved.sitesOff.filter((s) => s !== site) : [...saved.sitesOff, site];
    void save({ ...saved, sitesOff }, `${SITE_NAMES[site]} is ${on ? 'on' : 'off'}. Reload its open tabs to apply.`);
  };

  const saveDomains = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!saved) return;
    const internalDomains = domainsFrom(domains);
    if (await save({ ...saved, internalDomains }, 'Internal domains saved.')) setDomains(internalDomains.join('\n'));
  };

  return (
    <div className="cf-options">
      <fieldset className="cf-fieldset" disabled={!saved || pending}>
        <legend>Sites</legend>
        <p className="cf-meta">Coalface shows its sidebar on the sites ticked here.</p>
        {SITES.map((site) => (
          <label key={site} className="cf-check">
            <input
              type="checkbox"
              checked={saved ? !saved.sitesOff.includes(site) : true}
              onChange={(event) => toggleSite(site, event.currentTarget.checked)}
            />
            {SITE_NAMES[site]}
          </label>
        ))}
      </fieldset>
      <form className="cf-form" onSubmit={saveDomains} noValidate aria-busy={pending}>
        <div className="cf-field">
          <label htmlFor={domainsId}>Internal domains</label>
          <p id={domainsHintId} className="cf-meta">
            Your company's email domains, one per line (for example northwind.io). People at these domains and their
            subdomains are colleagues and never shown as leads.
          </p>
          <textarea
            id={domainsId}
            rows={4}
            spellCheck={false}
            autoComplete="off"
            value={domains}
            disabled={!saved}
            onChange={(event) => setDomains(event.currentTarget.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? `${domainsHintId} ${domainsErrorId}` : domainsHintId}
          />
        </div>
        <button type="submit" className="cf-button cf-button--primary" disabled={!saved || pending}>
          Save
        </button>
      </form>
      <output className="cf-status">{status}</output>
      {error && (
        <p id={domainsErrorId} className="cf-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
