import { type ReactNode, useId } from 'react';

interface SectionProps {
  title: string;
  children: ReactNode;
}

/** A titled block of the sidebar; the heading names the region for screen readers too. */
export function Section({ title, children }: SectionProps) {
  const headingId = useId();
  return (
    <section className="cf-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="cf-section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
