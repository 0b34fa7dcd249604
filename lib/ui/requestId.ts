/** A fresh id for an intent whose answer (a SidebarNotice) the sidebar waits for; also a verdict's id. */
export function newRequestId(): string {
  return crypto.randomUUID();
}
