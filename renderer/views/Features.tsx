import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureState } from '../../preload/contract';
import { ErrorBanner } from '../components/ErrorBanner';
import { useRoster } from '../stores';

type Lang = 'en' | 'fr';

/**
 * Settings → Features: each feature's state and why, a switch where the user may join or leave
 * the pilot, and the policy file's trouble when it was refused.
 */
export function FeaturesSection() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const snapshot = useRoster((s) => s.features);
  const error = useRoster((s) => s.featuresError);
  const lang: Lang = i18n.language === 'fr' ? 'fr' : 'en';

  return (
    <section className="settings__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings__heading">
        {t('features.title')}
      </h2>
      <p className="muted">{t('features.intro')}</p>
      {snapshot?.ring && <p className="muted">{t('features.ringLabel', { ring: snapshot.ring })}</p>}
      {snapshot?.policy.status === 'invalid' && (
        <p className="banner banner--error" role="alert">
          {snapshot.policy.line
            ? t('features.policyInvalidLine', {
                file: snapshot.policy.file ?? '',
                line: snapshot.policy.line,
                reason: snapshot.policy.reason ?? '',
              })
            : t('features.policyInvalid', {
                file: snapshot.policy.file ?? '',
                reason: snapshot.policy.reason ?? '',
              })}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {!snapshot ? (
        <p className="muted">{t('features.loading')}</p>
      ) : (
        <ul className="features">
          {snapshot.features.map((feature) => (
            <FeatureRow key={feature.id} feature={feature} all={snapshot.features} lang={lang} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FeatureRow({ feature, all, lang }: { feature: FeatureState; all: FeatureState[]; lang: Lang }) {
  const { t } = useTranslation();
  const id = useId();
  const saving = useRoster((s) => s.featureSaving === feature.id);
  const setOptIn = useRoster((s) => s.setFeatureOptIn);
  const title = feature.title[lang];
  const needed = feature.requires ? all.find((f) => f.id === feature.requires)?.title[lang] : undefined;
  const reason = t(`features.reasons.${feature.source}-${feature.on ? 'on' : 'off'}`, {
    feature: needed ?? '',
  });
  const state = t('features.state', { state: feature.on ? t('features.on') : t('features.off'), reason });

  return (
    <li className="features__item" data-feature={feature.id}>
      <div className="features__head">
        <span id={`${id}-title`} className="features__title">
          {title}
        </span>
        {feature.pilot && <span className="badge">{t('features.pilot')}</span>}
      </div>
      <p id={`${id}-desc`} className="field__hint">
        {feature.description[lang]}
      </p>
      <p id={`${id}-state`} className="features__state">
        {state}
      </p>
      {feature.canOptIn && (
        <div className="field field--checkbox">
          <input
            id={`${id}-switch`}
            type="checkbox"
            role="switch"
            checked={feature.on}
            disabled={saving}
            aria-describedby={`${id}-desc ${id}-state`}
            onChange={(e) => void setOptIn(feature.id, e.target.checked)}
          />
          <label htmlFor={`${id}-switch`}>{t('features.join', { name: title })}</label>
        </div>
      )}
    </li>
  );
}

/** Help → Save diagnostics…: the zip main makes, offered as a download. */
export function HelpSection() {
  const { t } = useTranslation();
  const id = useId();
  const busy = useRoster((s) => s.diagnosticsBusy);
  const error = useRoster((s) => s.diagnosticsError);
  const save = useRoster((s) => s.saveDiagnostics);

  return (
    <section className="settings__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="settings__heading">
        {t('help.title')}
      </h2>
      <p id={`${id}-hint`} className="field__hint">
        {t('help.diagnosticsHint')}
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-describedby={`${id}-hint`}
        disabled={busy}
        onClick={() => void save()}
      >
        {t('help.saveDiagnostics')}
      </button>
      <p role="status" className="muted">
        {busy ? t('help.diagnosticsSaving') : ''}
      </p>
      {error && <ErrorBanner error={error} />}
    </section>
  );
}
