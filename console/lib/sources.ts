import { EventType } from '../../lib/contract/events.ts';
import type { MappingTarget, SourceKind, SourceSummary } from '../../lib/contract/sources.ts';

/** What an unmapped name can be mapped to, in the order the select lists them. */
export const MAPPING_CHOICES: readonly { value: MappingTarget; label: string }[] = [
  ...EventType.options.map((type) => ({ value: type, label: type.replaceAll('_', ' ') })),
  { value: 'ignore', label: 'ignore (known, not stored)' },
];

export const KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  segment: 'Segment / RudderStack',
  mautic: 'Mautic',
  hubspot: 'HubSpot',
};

/** The address the tool posts to: the endpoint's origin (the console is served by it) and the source's path. */
export function sourceUrl(path: string, origin: string = location.origin): string {
  return new URL(path, origin).toString();
}

/** The list with one source replaced by its newer summary. */
export function withSource(sources: readonly SourceSummary[], next: SourceSummary): SourceSummary[] {
  return sources.map((s) => (s.id === next.id ? next : s));
}
