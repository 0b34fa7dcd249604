import type { Problem } from '../../lib/contract/common.ts';

/** The endpoint's own explanation of what went wrong. */
export function ProblemAlert({ problem, what }: { problem: Problem; what: string }) {
  return (
    <div className="console-alert" role="alert">
      <p>
        <strong>{what}</strong> {problem.detail}
      </p>
    </div>
  );
}
