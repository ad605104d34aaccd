import { useState } from 'react';
import type { HeldLetter, LetterDay } from '../../../../shared/documents';
import { HOLD_LABELS } from '../../../../shared/outreach/guard-words';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { toApiError, type ApiError } from '../../lib/api-error';
import { plural } from '../../lib/format';
import { saveExportedFile } from '../../lib/save-file';
import { useCoreQuery } from '../../lib/core-query';

const CHANNEL_WORDS = { letter: 'Letter', agency_referral: 'Agency referral' } as const;

/**
 * Today's paper: the ladder's letter and agency steps, through the send guard like every email.
 * Printing makes one PDF (the guard looks again, so a letter held since the list was read is left
 * out); once they are in the post, marking them takes their steps, and a letter held since it was
 * printed is named so it can come out of the envelope.
 */
export function LettersTab() {
  const day = useCoreQuery('documents.letters', {});
  const [printed, setPrinted] = useState<LetterDay | null>(null);
  const [result, setResult] = useState<{ posted: number; held: HeldLetter[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }
  const print = (): Promise<void> =>
    act(async () => {
      const pdf = await call('documents.lettersPdf', {});
      saveExportedFile(pdf);
      setPrinted({ letters: pdf.letters, held: pdf.held });
      setResult(null);
    });
  const markPosted = (letters: LetterDay['letters']): Promise<void> =>
    act(async () => {
      const marked = await call('documents.lettersPosted', { customerIds: letters.map((l) => l.customerId) });
      setResult({ posted: marked.posted.length, held: marked.held });
      setPrinted(null);
      day.reload();
    });

  if (day.error) return <ErrorNotice error={day.error} title="Today's letters could not be read." onRetry={day.reload} />;
  if (!day.data) return <p className="muted">Reading today's ladder…</p>;
  const { letters, held } = printed ?? day.data;
  return (
    <div className="letters-tab" data-testid="letters-tab">
      <div className="letters-head">
        <h3>Today's letters</h3>
        <span className="muted">
          {plural(letters.length, 'letter')} to print{held.length > 0 ? ` · ${held.length} held` : ''}
        </span>
        <span className="spacer" />
        {!printed && (
          <button type="button" className="button primary small" disabled={busy || letters.length === 0} onClick={() => void print()}>
            Print today's letters
          </button>
        )}
        {printed && (
          <>
            <span className="muted">Saved as one PDF. Once they are in the post:</span>
            <button type="button" className="button primary small" disabled={busy} onClick={() => void markPosted(printed.letters)}>
              Mark {plural(printed.letters.length, 'letter')} posted
            </button>
          </>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {result && (
        <p className="notice" role="status" data-testid="letters-result">
          {plural(result.posted, 'letter')} marked posted: their ladder steps are taken.
          {result.held.length > 0 &&
            ` ${plural(result.held.length, 'letter')} held since printing, not marked: take ${result.held.length === 1 ? 'it' : 'them'} out of the post.`}
        </p>
      )}
      {letters.length === 0 && held.length === 0 && !result && (
        <p className="muted">No letter or agency referral is due today. The ladder's paper steps appear here on their day (Outreach → Ladder sets them).</p>
      )}
      {[...held, ...(result?.held ?? [])].length > 0 && (
        <table className="plain-table" data-testid="letters-held">
          <caption>Held by the send guard: not printed, and why</caption>
          <thead>
            <tr>
              <th>Customer</th>
              <th>Step</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {[...held, ...(result?.held ?? [])].map((letter) => (
              <tr key={`${letter.customerId}-${letter.channel}`}>
                <td>
                  {letter.customerName} <span className="muted">{letter.externalId}</span>
                </td>
                <td>{letter.stepLabel}</td>
                <td>
                  <span className="chip warn">{letter.hold === 'nothing_left' ? 'Nothing left to ask for' : HOLD_LABELS[letter.hold]}</span> {letter.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {letters.length > 0 && (
        <table className="plain-table" data-testid="letters-due">
          <thead>
            <tr>
              <th>Customer</th>
              <th>Step</th>
              <th>Invoices</th>
              <th>Left out</th>
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <tr key={`${letter.customerId}-${letter.channel}`}>
                <td>
                  {letter.customerName} <span className="muted">{letter.externalId}</span>
                </td>
                <td>
                  {letter.stepLabel} <span className="muted">{CHANNEL_WORDS[letter.channel]}</span>
                </td>
                <td>{letter.invoiceNumbers.join(', ')}</td>
                <td>
                  {letter.dropped.map((d) => (
                    <span key={d.invoiceId} className="nowrap">
                      {d.number} <span className="chip warn">{HOLD_LABELS[d.reason]}</span>{' '}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
