import type { ReactNode } from 'react';

/**
 * The sidebar's own column (same classes, same width as the Gmail dock), so what sits inside looks
 * exactly as a rep will see it.
 */
export function SidebarFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section className="console-sidebar-frame" aria-label={label}>
      <div className="cf-sidebar">{children}</div>
    </section>
  );
}
