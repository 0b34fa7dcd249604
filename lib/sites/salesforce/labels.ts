// The standard Email field's label as Lightning shows it in each supported language (Salesforce's
// translation workbench defaults), read only after the field's API name and the highlights panel.
export const EMAIL_FIELD_LABELS = [
  'E-Mail', // de
  'E-mail', // fr
  'Correo electrónico', // es
  'メール', // ja
  '电子邮件', // zh-CN
  'Email', // pt-BR (as English)
  'البريد الإلكتروني', // ar
  'דוא"ל', // he
  'דוא״ל', // he, with gershayim
] as const;
