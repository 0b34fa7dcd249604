import { useEffect } from 'react';
import { useRoute } from '../lib/router.ts';
import { CampaignEditorPage } from './CampaignEditorPage.tsx';
import { CampaignList } from './CampaignList.tsx';
import { LandsPage } from './LandsPage.tsx';
import { TalkingPointEditorPage } from './TalkingPointEditorPage.tsx';
import { TalkingPointList } from './TalkingPointList.tsx';

const TITLES = {
  campaigns: 'Campaigns',
  campaign: 'Edit campaign',
  newCampaign: 'New campaign',
  points: 'Talking points',
  point: 'Edit talking point',
  newPoint: 'New talking point',
  lands: 'What lands',
} as const;

/** The page for the current path. */
export function Pages() {
  const route = useRoute();
  useEffect(() => {
    document.title = `${TITLES[route.page]} · Coalface console`;
  }, [route.page]);
  switch (route.page) {
    case 'campaigns':
      return <CampaignList />;
    case 'campaign':
      return <CampaignEditorPage key={route.key} campaignKey={route.key} />;
    case 'newCampaign':
      return <CampaignEditorPage key="new" campaignKey={null} />;
    case 'points':
      return <TalkingPointList />;
    case 'point':
      return <TalkingPointEditorPage key={route.id} pointId={route.id} />;
    case 'newPoint':
      return <TalkingPointEditorPage key="new" pointId={null} />;
    case 'lands':
      return <LandsPage />;
  }
}
