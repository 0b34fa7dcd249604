import type { Preset } from './preset.ts';

/**
 * Marketo leads: a bulk lead extract (REST field names, `null` in every empty cell) or a smart
 * list exported from the UI (labels). The lead id is kept so activity extracts find their lead.
 */
export const marketoLeads: Preset = {
  name: 'marketo-leads',
  label: 'Marketo lead extract',
  kind: 'leads',
  examples: [
    'id,firstName,lastName,email,company,title,leadStatus,industry,country,createdAt,updatedAt',
    'Id,First Name,Last Name,Email Address,Company Name,Job Title,Lead Status,Created At,Updated At',
  ],
  requires: ['id', 'email|emailaddress'],
  anyOf: ['createdat', 'updatedat', 'leadstatus', 'leadscore'],
  columns: {
    id: 'marketo_id',
    firstname: 'first_name',
    lastname: 'last_name',
    email: 'email',
    emailaddress: 'email',
    company: 'company',
    companyname: 'company',
    title: 'title',
    jobtitle: 'title',
    leadstatus: 'lifecycle_stage',
    industry: 'industry',
    country: 'region',
    createdat: null,
    updatedat: null,
    leadscore: null,
  },
  nullLiteral: true,
};
