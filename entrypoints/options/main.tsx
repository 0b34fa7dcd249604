import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsForm, type SendOptionsRequest } from '../../components/OptionsForm.tsx';
import '../../lib/ui/theme.css';
import './style.css';

const sendToBackground: SendOptionsRequest = (request) => browser.runtime.sendMessage(request);

function OptionsPage() {
  return (
    <main aria-label="Coalface options" className="cf-options-page">
      <h1>Coalface</h1>
      <p className="cf-meta">
        Connect to your team's Coalface endpoint to see campaign context for the lead on screen.
      </p>
      <section aria-labelledby="connection-heading">
        <h2 id="connection-heading">Connection</h2>
        <OptionsForm send={sendToBackground} />
      </section>
      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Privacy</h2>
        <p>
          Coalface sends only the lead's email address or CRM record id to your endpoint. It never reads or sends
          message bodies, subjects or other recipients. Your access token stays in the extension's background and is
          never shown to the pages you visit.
        </p>
      </section>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OptionsPage />
    </StrictMode>,
  );
}
