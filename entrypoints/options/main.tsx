import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { OptionsDiagnostics } from '../../components/OptionsDiagnostics.tsx';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { OptionsPreferences } from '../../components/OptionsPreferences.tsx';
import type { SendOptionsRequest } from '../../components/options/ask.ts';
import { OptionalHosts } from '../../components/options/OptionalHosts.tsx';
import { t } from '../../lib/ui/i18n.ts';
import { mountPage } from '../../lib/ui/mount.tsx';
import '../../lib/ui/theme.css';
import './style.css';

const sendToBackground: SendOptionsRequest = (request) => browser.runtime.sendMessage(request);
const copyToClipboard = (text: string) => navigator.clipboard.writeText(text);

/** Bumped when IT changes the managed policy, so every section asks the background again. */
function useManagedPolicyVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'managed') setVersion((current) => current + 1);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return version;
}

function OptionsPage() {
  return <OptionsSections key={useManagedPolicyVersion()} />;
}

function OptionsSections() {
  return (
    <main aria-label={t('optionsPageLabel')} className="cf-options-page">
      <h1>Coalface</h1>
      <p className="cf-meta">{t('optionsIntro')}</p>
      <section aria-labelledby="connection-heading">
        <h2 id="connection-heading">{t('optionsHeadingConnection')}</h2>
        <OptionsForm send={sendToBackground} />
      </section>
      <section aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsHeadingSites')}</h2>
        <OptionsPreferences send={sendToBackground} />
      </section>
      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">{t('optionsHeadingDomains')}</h2>
        <OptionalHosts permissions={browser.permissions} />
      </section>
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('optionsHeadingPrivacy')}</h2>
        <p>{t('optionsPrivacyText')}</p>
      </section>
      <section aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading">{t('optionsHeadingDiagnostics')}</h2>
        <OptionsDiagnostics send={sendToBackground} copy={copyToClipboard} />
      </section>
    </main>
  );
}

mountPage(<OptionsPage />);
