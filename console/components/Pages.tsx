import { useEffect } from 'react';
import type { Role } from '../../lib/contract/common.ts';
import { type Route, useRoute } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { CampaignEditorPage } from './CampaignEditorPage.tsx';
import { CampaignList } from './CampaignList.tsx';
import { DemoMailboxPage } from './DemoMailboxPage.tsx';
import { FunnelPage } from './FunnelPage.tsx';
import { HomePage } from './HomePage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { LandsPage } from './LandsPage.tsx';
import { NotFound } from './NotFound.tsx';
import { SourcesPage } from './SourcesPage.tsx';
import { TalkingPointEditorPage } from './TalkingPointEditorPage.tsx';
import { TalkingPointList } from './TalkingPointList.tsx';

const TITLES = {
  home: 'Home',
  campaigns: 'Campaigns',
  campaign: 'Edit campaign',
  newCampaign: 'New campaign',
  points: 'Talking points',
  point: 'Edit talking point',
  newPoint: 'New talking point',
  lands: 'What lands',
  funnel: 'Funnel',
  sources: 'Sources',
  import: 'Import',
  tryIt: 'Try it on your own mailbox',
  notFound: 'Page not found',
} as const;

/** A sales manager uses the funnel and reads the home page and what lands; campaigns and talking points are marketing's. */
export function pageAllowed(role: Role, page: Route['page']): boolean {
  return role !== 'manager' || ['home', 'funnel', 'lands', 'notFound'].includes(page);
}

/** The page for the current path. */
export function Pages() {
  const route = useRoute();
  const { me } = useSession();
  const page = pageAllowed(me.role, route.page) ? route.page : 'funnel';
  useEffect(() => {
    document.title = `${TITLES[page]} · Coalface console`;
  }, [page]);
  if (page === 'funnel') return <FunnelPage />;
  switch (route.page) {
    case 'home':
      return <HomePage />;
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
      return <LandsPage key={route.target ? `${route.target.kind}:${route.target.id}` : ''} target={route.target} />;
    case 'funnel':
      return <FunnelPage />;
    case 'sources':
      return <SourcesPage />;
    case 'import':
      return <ImportPage />;
    case 'tryIt':
      return <DemoMailboxPage />;
    case 'notFound':
      return <NotFound home={{ route: { page: 'home' }, label: 'Go to the home page' }} />;
  }
}
