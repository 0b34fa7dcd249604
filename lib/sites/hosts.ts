// The pages the extension may read, as manifest match patterns: host permissions, the content
// script and the dock's web-accessible page all use this one list. Each adapter's matchUrl then
// narrows it to the views that can show a lead.
export const SITE_MATCHES = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://*.lightning.force.com/*',
  // HubSpot's app hosts by region, listed rather than *.hubspot.com so the marketing site is not ours to read.
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-na3.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
] as const;
