// What Gmail writes in the UI's language, read only after every language-free alternative has
// missed. Translations as Gmail shows them in each language (the Google bar's account button, the
// chip Gmail shows instead of the rep's name); English first, as it was before.

/** How the account button's aria-label starts, "Google Account: Alex Morgan (alex@example.com)". */
export const ACCOUNT_LABEL_PREFIXES = [
  'Google-Konto', // de
  'Compte Google', // fr
  'Cuenta de Google', // es
  'Google アカウント', // ja
  'Google 帐号', // zh-CN
  'Google 帳戶', // zh-TW
  'Conta do Google', // pt-BR
  'حساب Google', // ar
  'חשבון Google', // he
] as const;

/** The name Gmail gives the rep's own chip: "me", or "to me" / "an mich" / "发送至我" in a recipient line. */
export const ME_NAMES: ReadonlySet<string> = new Set([
  'me', // en
  'ich', // de
  'mich',
  'moi', // fr
  'yo', // es
  'mí',
  '自分', // ja
  '我', // zh
  'eu', // pt
  'mim',
  'أنا', // ar
  'אני', // he
  'io', // it
  'ik', // nl
  'я', // ru
  '나', // ko
]);
