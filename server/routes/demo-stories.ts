import { routes } from '../../lib/contract/index.ts';
import { problem } from '../problem.ts';
import { handle } from '../router/handle.ts';
import { giveDemoStory, listDemoStories, removeDemoStory } from '../seed/demo-story.ts';
import type { Store } from '../store/index.ts';

/** "Try it on your own mailbox": a demo lead's story given to, listed for and removed from real addresses. */
export function demoStoryRoutes(store: Store, clock: () => Date) {
  const list = handle(routes.listDemoStories, async (c) => c.json({ stories: await listDemoStories(store) }));

  const give = handle(routes.giveDemoStory, async (c, { body }) => {
    const outcome = await giveDemoStory(store, body.email, clock());
    if (!outcome.ok) return problem(c, 409, outcome.refusal.kind, `${outcome.refusal.detail}.`);
    return c.json(outcome.story, outcome.created ? 201 : 200);
  });

  const remove = handle(routes.removeDemoStory, async (c, { params: { email } }) => {
    const outcome = await removeDemoStory(store, email, clock());
    if (!outcome.ok) return problem(c, 404, outcome.refusal.kind, `${outcome.refusal.detail}.`);
    return c.body(null, 204);
  });

  return [list, give, remove];
}
