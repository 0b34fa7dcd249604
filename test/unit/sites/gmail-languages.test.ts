// Gmail in every UI language: the lead found, the rep never a lead, whatever words the page shows.
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../lib/sites/gmail/index.ts';
import { LANGUAGES, type Language, loadFixture, without } from './language-fixture.ts';

const REP = 'alex@coalface-demo.com';

// The people of each fixture: a recipient of the thread (the compose's first recipient), the sender
// of the last message (the compose's second), the sender of the collapsed row and no one else.
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

const emails = (found: ReturnType<typeof gmail.detect>) => found?.leads.map((l) => l.email);

describe.each(LANGUAGES)('Gmail in %s', (language) => {
  const [recipient, last, collapsed] = PEOPLE[language];

  it('a thread: the last sender, the sender of a collapsed row without a message id, the recipient; never the rep named in this language', () => {
    const { doc, url } = loadFixture('gmail', `thread-${language}.html`);
    const found = gmail.detect(doc, url);
    expect(found?.view).toBe('thread');
    expect(emails(found)).toEqual([last, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a thread with no aria-label at all: the same leads, the rep from the account link and the title', () => {
    const { doc, url } = loadFixture('gmail', `thread-${language}.html`);
    const found = gmail.detect(without(doc, 'aria-label'), url);
    expect(emails(found)).toEqual([last, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a thread with neither the account button nor the title: the chip Gmail names the rep in this language', () => {
    const { doc, url } = loadFixture('gmail', `thread-${language}.html`);
    doc.querySelector('a[href*="SignOutOptions"]')?.remove();
    doc.title = '';
    const found = gmail.detect(doc, url);
    expect(emails(found)).toEqual([last, collapsed, recipient]);
    expect(found?.self).toBe(REP);
  });

  it('a compose: its recipients, the rep copied in is not a lead', () => {
    const { doc, url } = loadFixture('gmail', `compose-${language}.html`);
    const found = gmail.detect(doc, url);
    expect(found?.view).toBe('compose');
    expect(emails(found)).toEqual([recipient, last]);
    expect(found?.self).toBe(REP);
  });

  it('a compose with no aria-label at all: the same recipients', () => {
    const { doc, url } = loadFixture('gmail', `compose-${language}.html`);
    const found = gmail.detect(without(doc, 'aria-label'), url);
    expect(found?.view).toBe('compose');
    expect(emails(found)).toEqual([recipient, last]);
  });
});
