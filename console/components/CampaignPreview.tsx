import { CampaignCard } from '../../components/CampaignCard.tsx';
import { Section } from '../../components/Section.tsx';
import { t } from '../../lib/ui/i18n.ts';
import type { CampaignForm } from '../lib/campaignForm.ts';
import { previewCampaign } from '../lib/campaignForm.ts';
import { SidebarFrame } from './SidebarFrame.tsx';

/**
 * The extension's own campaign card, fed the form as it stands. Its Landed / Didn't land buttons are
 * there because reps see them; here they go nowhere (no background to send to).
 */
export function CampaignPreview({ form }: { form: CampaignForm }) {
  return (
    <aside className="console-preview" aria-label="Preview">
      <h2>Preview: the sidebar card a rep sees</h2>
      {form.status !== 'active' && (
        <p className="console-hint">
          Reps see this message only while the campaign is active and within its dates; it is {form.status} now.
        </p>
      )}
      <SidebarFrame label="Sidebar preview">
        <Section title={t('sectionCampaign')}>
          <CampaignCard campaign={previewCampaign(form)} otherCampaigns={[]} feedback={[]} />
        </Section>
      </SidebarFrame>
    </aside>
  );
}
