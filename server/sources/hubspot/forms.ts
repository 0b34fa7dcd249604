import { HUBSPOT_NAMES } from './map.ts';
import { hubspotKey, type PullRun } from './run.ts';
import { FormsPage, type Submission, SubmissionsPage } from './shapes.ts';

const FORMS_PAGE = 100;
const SUBMISSIONS_PAGE = 50;

async function allForms(run: PullRun): Promise<{ id: string; name: string }[]> {
  const forms: { id: string; name: string }[] = [];
  let after: string | undefined;
  do {
    const page = await run.api.get('/marketing/v3/forms', { limit: FORMS_PAGE, after }, FormsPage);
    forms.push(...page.results.filter((f) => !f.archived));
    after = page.paging?.next?.after;
  } while (after);
  return forms;
}

const emailOf = (s: Submission) => s.values.find((v) => v.name === 'email')?.value;

function itemOf(form: { id: string; name: string }, s: Submission) {
  // conversionId names a submission; without it, the form, the time and the address do.
  const id = s.conversionId ?? `${s.submittedAt}:${emailOf(s) ?? ''}`;
  return {
    key: hubspotKey('form', form.id, id),
    name: HUBSPOT_NAMES.form,
    payload: {
      formGuid: form.id,
      formName: form.name,
      conversionId: s.conversionId,
      submittedAt: s.submittedAt,
      email: emailOf(s),
      pageUrl: s.pageUrl,
    },
  };
}

/**
 * Submissions of every form, each form with its own cursor. HubSpot lists them newest first, so a
 * form's pages are read until one reaches what an earlier run took in.
 */
export async function pullFormSubmissions(run: PullRun): Promise<void> {
  const cursors = run.cursor.forms;
  for (const form of await allForms(run)) {
    const at = cursors.byForm[form.id] ?? { newest: cursors.since - 1 };
    cursors.byForm[form.id] = at;
    for (;;) {
      const page = await run.api.get(
        `/form-integrations/v1/submissions/forms/${encodeURIComponent(form.id)}`,
        { limit: SUBMISSIONS_PAGE, after: at.after },
        SubmissionsPage,
      );
      const fresh = page.results.filter((s) => s.submittedAt > at.newest);
      await run.deliver(fresh.map((s) => itemOf(form, s)));
      const pending = Math.max(at.pending ?? at.newest, ...fresh.map((s) => s.submittedAt));
      const next = page.paging?.next?.after;
      const more = next !== undefined && fresh.length === page.results.length && page.results.length > 0;
      if (more) {
        at.after = next;
        at.pending = pending;
      } else {
        at.newest = pending;
        delete at.after;
        delete at.pending;
      }
      await run.save();
      if (!more) break;
    }
  }
}
