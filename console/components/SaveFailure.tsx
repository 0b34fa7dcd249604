import type { Problem } from '../../lib/contract/common.ts';
import { isVersionConflict, saveFailureText } from '../lib/errors.ts';

interface SaveFailureProps {
  problem: Problem;
  /** On a version conflict: take the stored version (losing the edits in the form). */
  onReload: () => void;
  /** On a version conflict: save the form over the stored version. */
  onOverwrite: () => void;
}

/** Why a save failed, in the endpoint's words; on a conflict, the two ways out. */
export function SaveFailure({ problem, onReload, onOverwrite }: SaveFailureProps) {
  return (
    <div className="console-alert" role="alert">
      <p>
        <strong>Not saved.</strong> {saveFailureText(problem)}
      </p>
      {isVersionConflict(problem) && (
        <>
          <p className="console-hint">{problem.detail}</p>
          <div className="console-actions">
            <button type="button" className="cf-button" onClick={onReload}>
              Reload their version
            </button>
            <button type="button" className="cf-button" onClick={onOverwrite}>
              Overwrite with mine
            </button>
          </div>
        </>
      )}
    </div>
  );
}
