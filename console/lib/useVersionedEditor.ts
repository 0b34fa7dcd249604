import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../lib/contract/common.ts';
import type { ApiClient, ApiResult } from './api.ts';
import { draftKey, shapedLike } from './drafts.ts';
import { type FieldErrors, problemFieldErrors } from './errors.ts';
import { clearFlash, leaveFlash, readFlash } from './flash.ts';
import { navigate, type Route } from './router.ts';
import { useSession } from './session.tsx';
import { type Draft, useDraft } from './useDraft.ts';

/** A form checked with the contract: the input to send, or a message per field. */
export type Checked<Input> = { ok: true; input: Input } | { ok: false; errors: FieldErrors };

/** One kind of item the console edits with `If-Match`: how its form is made, checked, sent and fetched again. */
export interface VersionedKind<Item extends { version: number }, Form extends object, Input> {
  draftKind: Parameters<typeof draftKey>[0];
  idOf: (item: Item) => string;
  empty: Form;
  toForm: (item: Item) => Form;
  check: (form: Form) => Checked<Input>;
  create: (api: ApiClient, input: Input) => Promise<ApiResult<Item>>;
  patch: (api: ApiClient, stored: Item, input: Input, version: number) => Promise<ApiResult<Item>>;
  fetch: (api: ApiClient, stored: Item) => Promise<ApiResult<Item>>;
  /** The notice once saved. */
  savedText: (saved: Item) => string;
  /** Where a newly created item is edited from then on. */
  pageOf: (created: Item) => Route;
}

export interface VersionedEditor<Item, Form, Input> {
  /** The item as the endpoint last answered it; null until a new one is created. */
  stored: Item | null;
  draft: Draft<Form>;
  form: Form;
  errors: FieldErrors;
  /** The form was checked, has errors, and no answer from the endpoint explains them. */
  mustFix: boolean;
  failure: Problem | null;
  notice: string | null;
  busy: boolean;
  edit: (next: Form) => void;
  /** Checks the form (with `check`, else the kind's) and creates, or patches with `If-Match`. */
  save: (check?: (form: Form) => Checked<Input>) => void;
  submit: (event: FormEvent, check?: (form: Form) => Checked<Input>) => void;
  /** On a 412: take their version, dropping the edits. */
  reload: () => Promise<void>;
  /** On a 412: save the form over their version, the way the last save asked. */
  overwrite: () => Promise<void>;
}

/**
 * The save flow both editors share: the form mirrored to a draft (so an expired session loses
 * nothing), checked before sending, the endpoint's field errors and 412s shown, a new item opened on
 * its own page with the notice carried over.
 */
export function useVersionedEditor<Item extends { version: number }, Form extends object, Input>(
  kind: VersionedKind<Item, Form, Input>,
  item: Item | null,
): VersionedEditor<Item, Form, Input> {
  const { api } = useSession();
  const [stored, setStored] = useState(item);
  const draft = useDraft<Form>(
    draftKey(kind.draftKind, item ? kind.idOf(item) : 'new'),
    item ? kind.toForm(item) : kind.empty,
    item?.version ?? null,
    shapedLike(kind.empty),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(() => readFlash(item ? kind.idOf(item) : undefined));
  useEffect(() => clearFlash(), []);
  const [busy, setBusy] = useState(false);
  /** How the last save checked the form (a point's Publish, Retire…), so "Overwrite with mine" repeats it. */
  const lastCheck = useRef(kind.check);
  const form = draft.value;

  const edit = (next: Form) => {
    draft.update(next);
    setNotice(null);
    if (checked) {
      const check = kind.check(next);
      setErrors(check.ok ? {} : check.errors);
    }
  };

  const settle = (saved: Item) => {
    setStored(saved);
    draft.reset(kind.toForm(saved), saved.version);
    setFailure(null);
  };

  const save = async (version: number | null, checkForm = kind.check) => {
    lastCheck.current = checkForm;
    const check = checkForm(form);
    setChecked(true);
    setErrors(check.ok ? {} : check.errors);
    setNotice(null);
    if (!check.ok) return;
    setBusy(true);
    setFailure(null);
    const result =
      stored === null || version === null
        ? await kind.create(api, check.input)
        : await kind.patch(api, stored, check.input, version);
    setBusy(false);
    if (!result.ok) {
      setFailure(result.problem);
      setErrors(problemFieldErrors(result.problem));
      return;
    }
    settle(result.data);
    const text = kind.savedText(result.data);
    setNotice(text);
    if (stored === null) {
      leaveFlash(kind.idOf(result.data), text);
      navigate(kind.pageOf(result.data));
    }
  };

  const latest = async () => {
    if (!stored) return null;
    const result = await kind.fetch(api, stored);
    if (!result.ok) setFailure(result.problem);
    return result.ok ? result.data : null;
  };

  return {
    stored,
    draft,
    form,
    errors,
    mustFix: checked && Object.keys(errors).length > 0 && !failure,
    failure,
    notice,
    busy,
    edit,
    save: (check) => void save(draft.baseVersion, check),
    submit: (event, check) => {
      event.preventDefault();
      void save(draft.baseVersion, check);
    },
    reload: async () => {
      const theirs = await latest();
      if (!theirs) return;
      settle(theirs);
      setNotice(`Loaded their version (version ${theirs.version}); your edits were dropped.`);
    },
    overwrite: async () => {
      const theirs = await latest();
      if (!theirs) return;
      setStored(theirs);
      await save(theirs.version, lastCheck.current);
    },
  };
}
