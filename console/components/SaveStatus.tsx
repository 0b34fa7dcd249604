import type { VersionedEditor } from '../lib/useVersionedEditor.ts';
import { SaveFailure } from './SaveFailure.tsx';

type SaveStatusProps = Pick<
  VersionedEditor<unknown, unknown, unknown>,
  'mustFix' | 'failure' | 'notice' | 'reload' | 'overwrite'
>;

/** Under an editor's fields: what to fix, why a save failed, or that it saved. */
export function SaveStatus({ mustFix, failure, notice, reload, overwrite }: SaveStatusProps) {
  return (
    <>
      {mustFix && (
        <p className="console-error" role="alert">
          Fix the fields marked above, then save again.
        </p>
      )}
      {failure && <SaveFailure problem={failure} onReload={reload} onOverwrite={overwrite} />}
      {notice && <output className="console-success cf-status">{notice}</output>}
    </>
  );
}
