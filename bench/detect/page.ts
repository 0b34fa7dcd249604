// A generated Gmail thread page of about 5,000 elements, following the structure in
// docs/sites.md: the account button (linking to SignOutOptions, as Gmail's does), a hidden inbox list, the subject, and many expanded messages
// with sender and recipient chips and quoted bodies.

export const GMAIL_HOST = 'mail.google.com';
export const THREAD_URL = `https://${GMAIL_HOST}/mail/u/0/#inbox/FMfcgzQbgRnJmWdrLkKxXhLjvZqBPTwC`;
/**
 * The same page at a host the extension does not run on, of the same site (Chromium treats Google's
 * hosts specially): the load without the extension, measured in the same browser and tab as the load
 * with it (two browsers' load times differ by up to 10%, twice the budget).
 */
export const CONTROL_HOST = 'docs.google.com';
export const CONTROL_URL = THREAD_URL.replace(GMAIL_HOST, CONTROL_HOST);

/** Served with the page so it is cross-origin isolated: Chromium's clock is then 5 µs, 100 µs otherwise. */
export const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const PEOPLE = [
  ['Dana Lee', 'dana.lee@acme-robotics.com'],
  ['Raj Patel', 'raj.patel@northwind.io'],
  ['Tom Johansson', 'tom.johansson@nordlys-energy.no'],
  ['Marcus Chen', 'marcus.chen@northwind.io'],
] as const;

function message(i: number): string {
  const [name, email] = PEOPLE[i % PEOPLE.length] ?? PEOPLE[0];
  const paragraphs = Array.from(
    { length: 8 },
    (_, p) => `<div><span>Paragraph ${p} of message ${i}, with <b>bold</b> and <a href="#">a link</a>.</span></div>`,
  ).join('');
  return `<div class="gs"><div class="adn ads" data-message-id="#msg-f:17${String(i).padStart(17, '0')}" data-legacy-message-id="18c2f1a2b3c4${i.toString(16).padStart(4, '0')}">
  <div class="gE iv gt"><table class="cf gJ"><tbody><tr><td class="gF gK">
    <h3 class="iw"><span class="gD" email="${email}" name="${name}" data-hovercard-id="${email}"><span>${name}</span></span><span class="go"><span>&lt;${email}&gt;</span></span></h3>
  </td><td class="gH"><span class="g3" title="Nov 18, 2025">Nov 18</span></td></tr>
  <tr><td><div class="iw ajw"><span class="hb">to <span class="g2" email="alex@coalface-demo.com" name="me" data-hovercard-id="alex@coalface-demo.com">me</span>, <span class="g2" email="sam.ortiz@coalface-demo.com" name="Sam Ortiz" data-hovercard-id="sam.ortiz@coalface-demo.com">Sam</span></span></div></td></tr></tbody></table></div>
  <div class="ii gt"><div class="a3s aiL">${paragraphs}<div class="gmail_quote"><blockquote>On Monday <span email="someone@example.com">someone</span> wrote: quoted text</blockquote></div></div></div>
</div></div>`;
}

function inboxRow(i: number): string {
  const [name, email] = PEOPLE[(i + 1) % PEOPLE.length] ?? PEOPLE[0];
  return `<tr class="zA yO"><td class="yX xY"><div class="yW"><span class="bA4"><span class="yP" email="${email}" name="${name}">${name}</span></span></div></td><td class="xY a4W"><div class="xS"><span class="bog">Subject ${i}</span></div></td></tr>`;
}

/** The page, and how many messages it holds; about 5,000 elements with `messages` = 90. */
export function threadPage(messages = 90): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pilot timeline - alex@coalface-demo.com - Gmail</title></head>
<body><div class="nH"><header><a class="gb_B" aria-label="Google Account: Alex Morgan (alex@coalface-demo.com)" href="https://accounts.google.com/SignOutOptions?hl=en&amp;continue=https://mail.google.com/mail&amp;service=mail" role="button">AM</a></header>
<div role="main"><div class="ae4" style="display:none"><table class="F cf zt"><tbody>${Array.from({ length: 40 }, (_, i) => inboxRow(i)).join('')}</tbody></table></div>
<div class="nH if"><h2 class="hP" data-thread-perm-id="thread-f:1790000000000000001" data-legacy-thread-id="18c2f1a2b3c4d5e6">Pilot timeline</h2>
<div class="Bs nH iY" id="thread">${Array.from({ length: messages }, (_, i) => message(i)).join('\n')}</div></div></div></div></body></html>`;
}
