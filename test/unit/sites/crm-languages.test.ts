// Salesforce Lightning and HubSpot record pages in every UI language: the lead found by its record,
// with the address and name the page shows; never the rep, whose address the page also shows.
import { describe, expect, it } from 'vitest';
import { hubspot } from '../../../lib/sites/hubspot/index.ts';
import { salesforce } from '../../../lib/sites/salesforce/index.ts';
import { LANGUAGES, type Language, loadFixture, without } from './language-fixture.ts';

const REP = 'alex.morgan@coalface-demo.com';

const LEADS: Record<Language, { name: string; email: string }> = {
  de: { name: 'Jana Köhler', email: 'jana.koehler@acme-robotik.de' },
  fr: { name: 'Camille Durand', email: 'camille.durand@acme-robotique.fr' },
  es: { name: 'Lucía García', email: 'lucia.garcia@acme-robotica.es' },
  ja: { name: '佐藤 花子', email: 'hanako.sato@acme-robotics.co.jp' },
  'zh-CN': { name: '王芳', email: 'wang.fang@acme-robotics.cn' },
  'pt-BR': { name: 'Ana Souza', email: 'ana.souza@acme-robotica.com.br' },
  ar: { name: 'ليلى حداد', email: 'layla.haddad@acme-robotics.ae' },
  he: { name: 'נועה כהן', email: 'noa.cohen@acme-robotics.co.il' },
};

const CONTACTS: Record<Language, { name: string; email: string }> = {
  de: { name: 'Lukas Brandt', email: 'lukas.brandt@nordwind.de' },
  fr: { name: 'Julien Moreau', email: 'julien.moreau@nordvent.fr' },
  es: { name: 'Javier López', email: 'javier.lopez@vientonorte.es' },
  ja: { name: '鈴木 一郎', email: 'ichiro.suzuki@kitakaze.co.jp' },
  'zh-CN': { name: '李伟', email: 'li.wei@beifeng.cn' },
  'pt-BR': { name: 'Pedro Lima', email: 'pedro.lima@ventonorte.com.br' },
  ar: { name: 'عمر خليل', email: 'omar.khalil@northwind.sa' },
  he: { name: 'יונתן לוי', email: 'yonatan.levi@northwind.co.il' },
};

const salesforceLead = { system: 'salesforce', objectType: 'Lead', id: '00Q5e00000AcmDLEAZ' };
const hubspotContact = { system: 'hubspot', objectType: 'contact', id: '51230001' };

describe.each(LANGUAGES)('Salesforce Lightning in %s', (language) => {
  it('a Lead page: the Lead with its address and name, not the rep who owns it', () => {
    const { doc, url } = loadFixture('salesforce', `record-lead-${language}.html`);
    const found = salesforce.detect(doc, url);
    expect(found).toEqual({
      site: 'salesforce',
      view: 'record',
      leads: [{ crmRef: salesforceLead, ...LEADS[language] }],
    });
    expect(JSON.stringify(found)).not.toContain(REP);
  });

  it('without the fields’ API names: the Email field found by its label in this language', () => {
    const { doc, url } = loadFixture('salesforce', `record-lead-${language}.html`);
    const found = salesforce.detect(without(doc, 'data-target-selection-name'), url);
    expect(found?.leads).toEqual([{ crmRef: salesforceLead, ...LEADS[language] }]);
  });
});

describe.each(LANGUAGES)('HubSpot in %s', (language) => {
  it('a contact page: the contact with its address and name, not the rep in the activity', () => {
    const { doc, url } = loadFixture('hubspot', `record-contact-${language}.html`);
    const found = hubspot.detect(doc, url);
    expect(found).toEqual({
      site: 'hubspot',
      view: 'record',
      leads: [{ crmRef: hubspotContact, ...CONTACTS[language] }],
    });
    expect(JSON.stringify(found)).not.toContain(REP);
  });

  it('without any aria-label or label text: the same contact, from HubSpot’s test hooks', () => {
    const { doc, url } = loadFixture('hubspot', `record-contact-${language}.html`);
    for (const label of Array.from(doc.querySelectorAll('label, h2'))) label.remove();
    const found = hubspot.detect(without(doc, 'aria-label'), url);
    expect(found?.leads).toEqual([{ crmRef: hubspotContact, ...CONTACTS[language] }]);
  });
});
