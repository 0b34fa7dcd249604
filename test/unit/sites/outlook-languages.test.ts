// Outlook on the web in every UI language: the lead found, the rep never a lead, whatever words the
// reading pane and the compose form show.
import { describe, expect, it } from 'vitest';
import { outlook } from '../../../lib/sites/outlook/index.ts';
import { LANGUAGES, type Language, loadFixture, without } from './language-fixture.ts';

const REP = 'alex.morgan@coalface-demo.com';

// The people of each fixture: a recipient shown only as text (the compose's first recipient), the
// sender of the expanded message (the compose's second), the sender of the collapsed one.
const PEOPLE: Record<Language, [string, string, string]> = {
  de: ['jana.koehler@acme-robotik.de', 'lukas.brandt@nordwind.de', 'sophie.wagner@acme-robotik.de'],
  fr: ['camille.durand@acme-robotique.fr', 'julien.moreau@nordvent.fr', 'lea.petit@acme-robotique.fr'],
  es: ['lucia.garcia@acme-robotica.es', 'javier.lopez@vientonorte.es', 'marta.ruiz@acme-robotica.es'],
  ja: ['hanako.sato@acme-robotics.co.jp', 'ichiro.suzuki@kitakaze.co.jp', 'misaki.takahashi@acme-robotics.co.jp'],
  'zh-CN': ['wang.fang@acme-robotics.cn', 'li.wei@beifeng.cn', 'zhang.min@acme-robotics.cn'],
  'pt-BR': ['ana.souza@acme-robotica.com.br', 'pedro.lima@ventonorte.com.br', 'beatriz.rocha@acme-robotica.com.br'],
  ar: ['layla.haddad@acme-robotics.ae', 'omar.khalil@northwind.sa', 'sara.nasser@acme-robotics.ae'],
  he: ['noa.cohen@acme-robotics.co.il', 'yonatan.levi@northwind.co.il', 'michal.peretz@acme-robotics.co.il'],
};

const emails = (found: ReturnType<typeof outlook.detect>) => found?.leads.map((l) => l.email);

describe.each(LANGUAGES)('Outlook on the web in %s', (language) => {
  const [recipient, sender, collapsed] = PEOPLE[language];

  it('a reading pane: the expanded message’s sender, the collapsed one’s, the recipient shown as text; never the rep', () => {
    const { doc, url } = loadFixture('outlook', `thread-${language}.html`);
    const found = outlook.detect(doc, url);
    expect(found?.view).toBe('thread');
    expect(emails(found)).toEqual([sender, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a reading pane with no aria-label at all: the same leads, from ids, structure and the folder tree', () => {
    const { doc, url } = loadFixture('outlook', `thread-${language}.html`);
    const found = outlook.detect(without(doc, 'aria-label'), url);
    expect(emails(found)).toEqual([sender, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a reading pane with no ids, data-testids or tabindex: the same leads, from the labels in this language', () => {
    const { doc, url } = loadFixture('outlook', `thread-${language}.html`);
    const found = outlook.detect(without(doc, 'id', 'data-testid', 'tabindex'), url);
    expect(emails(found)).toEqual([sender, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a compose: its recipients, the one shown as text included; the rep in Cc is not a lead', () => {
    const { doc, url } = loadFixture('outlook', `compose-${language}.html`);
    const found = outlook.detect(doc, url);
    expect(found?.view).toBe('compose');
    expect(emails(found)).toEqual([recipient, sender]);
    expect(found?.self).toBe(REP);
  });

  it('a compose with no aria-label at all: the same recipients, still without the rep', () => {
    const { doc, url } = loadFixture('outlook', `compose-${language}.html`);
    const found = outlook.detect(without(doc, 'aria-label'), url);
    expect(found?.view).toBe('compose');
    expect(emails(found)).toEqual([recipient, sender]);
    expect(found?.self).toBe(REP);
  });
});
