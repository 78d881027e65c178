import { Spinner } from './Spinner';

type Props<S extends string> = {
  /** Accessible name of the list, e.g. "Sign-in progress". */
  label: string;
  steps: readonly S[];
  current: S;
  text: (step: S) => string;
  doneText: string;
};

/**
 * Progress through known steps. Steps appear as they are reached (done ones ticked), inside a
 * polite live region so each new step is announced.
 */
export function Steps<S extends string>({ label, steps, current, text, doneText }: Props<S>) {
  const index = Math.max(0, steps.indexOf(current));
  return (
    <ol className="steps" aria-label={label} aria-live="polite">
      {steps.slice(0, index + 1).map((step, i) => {
        const done = i < index;
        return (
          <li
            key={step}
            className={done ? 'steps__step steps__step--done' : 'steps__step'}
            aria-current={done ? undefined : 'step'}
          >
            {done ? (
              <span className="steps__check" aria-hidden="true">
                ✓
              </span>
            ) : (
              <Spinner />
            )}
            <span>{text(step)}</span>
            {done && <span className="visually-hidden"> ({doneText})</span>}
          </li>
        );
      })}
    </ol>
  );
}
