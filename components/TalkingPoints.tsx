import type { RankedTalkingPoint } from '../lib/contract/lookup.ts';

interface TalkingPointsProps {
  points: RankedTalkingPoint[];
}

/** Suggestions, best first, each with the reasons it was ranked for this lead. */
export function TalkingPoints({ points }: TalkingPointsProps) {
  if (points.length === 0) {
    return <p className="cf-empty">No talking points match this lead yet.</p>;
  }
  return (
    <ol className="cf-points">
      {points.map((point) => (
        <li key={point.id} className="cf-point">
          <h3 className="cf-point__title">{point.title}</h3>
          <p className="cf-text">{point.body}</p>
          {point.reasons.length > 0 && (
            <div className="cf-point__why">
              <p className="cf-point__why-label">Why:</p>
              <ul className="cf-point__reasons">
                {point.reasons.map((reason) => (
                  <li key={`${reason.code}:${reason.text}`}>{reason.text}</li>
                ))}
              </ul>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
