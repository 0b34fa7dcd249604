import type { ReactNode } from 'react';
import { t } from '../lib/ui/i18n.ts';
import { isHttpUrl } from '../lib/ui/url.ts';

interface ExternalLinkProps {
  href: string | undefined;
  className?: string;
  children: ReactNode;
}

/** A link that opens in a new tab when `href` is http(s); otherwise just its text. */
export function ExternalLink({ href, className, children }: ExternalLinkProps) {
  if (href === undefined || !isHttpUrl(href)) return <span className={className}>{children}</span>;
  return (
    <a href={href} className={className} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="cf-visually-hidden">{t('opensInNewTab')}</span>
    </a>
  );
}
