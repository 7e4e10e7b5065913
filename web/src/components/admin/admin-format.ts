import { useFormat } from '../../format';

/**
 * Instants as the audit trail keeps them: in UTC, said so, in the user's language and numerals
 * (the Gregorian calendar, as the trail's days are filtered in).
 */
export function useInstant(): (iso: string | null) => string | null {
  const { locale } = useFormat();
  const format = new Intl.DateTimeFormat(locale.replace('-u-', '-u-ca-gregory-'), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  return (iso) => (iso ? format.format(new Date(iso)) : null);
}
