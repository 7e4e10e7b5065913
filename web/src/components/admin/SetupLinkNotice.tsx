import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupLink } from './admin-api';
import { isolate } from './isolate';

/**
 * A one-time set-password link, shown once to the administrator who hands it over. It lives only
 * in this component's state: hidden, it is gone.
 */
export function SetupLinkNotice({
  link,
  kind,
  onDone,
}: {
  link: SetupLink;
  kind: 'added' | 'reset';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async (input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(link.url);
    } catch {
      // No clipboard API outside secure contexts (plain HTTP on a LAN): select it to copy by hand.
      input?.select();
      return;
    }
    setCopied(true);
  };
  return (
    <div className="admin-link" role="status">
      <p>
        <strong>{t(`admin.link.${kind}`, { email: isolate(link.email) })}</strong>
      </p>
      <p>{t('admin.link.handOver')}</p>
      <div className="admin-link-row">
        <input
          id="setup-link"
          name="setupLink"
          readOnly
          dir="ltr"
          value={link.url}
          aria-label={t('admin.link.label')}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          onClick={() => void copy(document.querySelector<HTMLInputElement>('#setup-link'))}
        >
          {copied ? t('admin.link.copied') : t('admin.link.copy')}
        </button>
      </div>
      <button type="button" className="secondary" onClick={onDone}>
        {t('admin.link.done')}
      </button>
    </div>
  );
}
