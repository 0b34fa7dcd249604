// Hosts the extension may read only after the rep grants them from Options, at a click: custom
// CRM domains that no fixed list can name. Salesforce orgs with enhanced My Domain serve Lightning
// from <mydomain>.lightning.force.com (a required host in hosts.ts); orgs on other Salesforce
// domains (Visualforce, Experience Cloud, classic My Domain) live under these two.
export const OPTIONAL_HOST_MATCHES = ['https://*.my.salesforce.com/*', 'https://*.force.com/*'] as const;
