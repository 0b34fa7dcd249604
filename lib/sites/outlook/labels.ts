// What Outlook on the web writes in the UI's language, read only after every language-free
// alternative (ids, data-testids, structure) has missed. Translations as OWA shows them in the
// reading pane's From/To/Cc lines, the message item's and the editor's aria-labels, per language.

interface Words {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  /** The aria-label of one message of a conversation. */
  message: string;
  /** How the editor's and a read message's aria-label start. */
  body: string;
}

export const LABELS: Readonly<Record<string, Words>> = {
  en: { from: 'From', to: 'To', cc: 'Cc', bcc: 'Bcc', message: 'Email message', body: 'Message body' },
  de: { from: 'Von', to: 'An', cc: 'Cc', bcc: 'Bcc', message: 'E-Mail-Nachricht', body: 'Nachrichtentext' },
  fr: { from: 'De', to: 'À', cc: 'Cc', bcc: 'Cci', message: 'Message électronique', body: 'Corps du message' },
  es: {
    from: 'De',
    to: 'Para',
    cc: 'CC',
    bcc: 'CCO',
    message: 'Mensaje de correo electrónico',
    body: 'Cuerpo del mensaje',
  },
  ja: { from: '差出人', to: '宛先', cc: 'CC', bcc: 'BCC', message: 'メール メッセージ', body: 'メッセージ本文' },
  'zh-CN': { from: '发件人', to: '收件人', cc: '抄送', bcc: '密件抄送', message: '电子邮件', body: '邮件正文' },
  'pt-BR': { from: 'De', to: 'Para', cc: 'Cc', bcc: 'Cco', message: 'Mensagem de email', body: 'Corpo da mensagem' },
  ar: { from: 'من', to: 'إلى', cc: 'نسخة', bcc: 'نسخة مخفية', message: 'رسالة بريد إلكتروني', body: 'نص الرسالة' },
  he: { from: 'מאת', to: 'אל', cc: 'עותק', bcc: 'עותק מוסתר', message: 'הודעת דואר אלקטרוני', body: 'גוף ההודעה' },
};

/** Every language but English, whose labels keep the alternatives they had before. */
const OTHERS = Object.entries(LABELS)
  .filter(([language]) => language !== 'en')
  .map(([, words]) => words);

const unique = (words: string[]) => [...new Set(words)];

/** The other languages' words for one field, each once. */
export function translated(field: keyof Words): string[] {
  return unique(OTHERS.map((words) => words[field]));
}

/** Every language's words for the From/To/Cc/Bcc prefixes, English included. */
export const LINE_WORDS = unique(Object.values(LABELS).flatMap((w) => [w.from, w.to, w.cc, w.bcc]));

// A label's colon as OWA writes it: "Von:", French "De :" (with a space, or a no-break space), CJK "宛先：".
const COLONS = [':', ' :', '\u00a0:', '：'];

/** `[aria-label^="Von:"], [aria-label^="Von :"], …` for each word. */
export function startsWithLabel(words: string[]): string {
  return words.flatMap((word) => COLONS.map((colon) => `[aria-label^="${word}${colon}"]`)).join(', ');
}
