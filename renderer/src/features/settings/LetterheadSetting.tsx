import { useState, type FormEvent } from 'react';
import { PAPER_SIZES, type CompanyProfile, type PaperSize } from '../../../../shared/documents';
import { ErrorNotice } from '../../components/ErrorNotice';
import { call } from '../../lib/api';
import { useCoreQuery } from '../../lib/core-query';
import { useOutcome } from '../../lib/use-outcome';

const PAPER_WORDS: Record<PaperSize, string> = {
  auto: 'By the customer\u2019s country (US Letter in the Americas, A4 elsewhere)',
  a4: 'A4 always',
  letter: 'US Letter always',
};
/** About 300 kB of image: the schema's limit, checked here so the answer comes before the upload. */
const LOGO_BYTES = 300_000;

/** Settings → Letterhead: loads the profile, then the form. */
export function LetterheadSetting() {
  const profile = useCoreQuery('documents.company', {});
  if (!profile.data) return profile.error ? <ErrorNotice error={profile.error} title="The letterhead could not be read." onRetry={profile.reload} /> : null;
  return <LetterheadForm initial={profile.data} />;
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * What every statement and letter carries: the logo, the company's address, registration and tax
 * ids, phone and email, the bank details under "How to pay", and the paper. The company's name is
 * the one Email signs with, so paper and email never disagree.
 */
function LetterheadForm({ initial }: { initial: CompanyProfile }) {
  const [draft, setDraft] = useState({ ...initial, address: initial.addressLines.join('\n'), bank: initial.bankDetails.join('\n') });
  const [logoProblem, setLogoProblem] = useState<string | null>(null);
  const { error, message, runInPlace } = useOutcome();
  const field =
    <K extends keyof typeof draft>(key: K) =>
    (value: (typeof draft)[K]) =>
      setDraft({ ...draft, [key]: value });

  async function pickLogo(file: File | undefined): Promise<void> {
    setLogoProblem(null);
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setLogoProblem('The logo must be a PNG or JPEG image.');
    if (file.size > LOGO_BYTES) return setLogoProblem(`The logo is ${Math.round(file.size / 1000)} kB; at most 300 kB fits on every page.`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    setDraft({ ...draft, logoBase64: btoa(binary) });
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const { address, bank, ...profile } = draft;
    await runInPlace(async () => {
      const saved = await call('documents.saveCompany', { ...profile, addressLines: lines(address), bankDetails: lines(bank) });
      setDraft({ ...saved, address: saved.addressLines.join('\n'), bank: saved.bankDetails.join('\n') });
      return 'Saved: the next statement or letter carries it';
    });
  }

  return (
    <form className="setting" onSubmit={(event) => void save(event)} noValidate data-testid="letterhead-setting">
      <fieldset>
        <legend>Letterhead</legend>
        <p className="muted">
          Printed on every statement and letter. Each customer's postal address is kept on its page; the company name is the one emails are signed with.
        </p>
        <div className="letterhead-grid">
          <label className="field">
            <span>Address (one line each, up to 6)</span>
            <textarea className="input" rows={4} value={draft.address} onChange={(event) => field('address')(event.target.value)} />
          </label>
          <label className="field">
            <span>Bank details, under "How to pay" (one line each)</span>
            <textarea
              className="input"
              rows={4}
              value={draft.bank}
              placeholder="IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX"
              onChange={(event) => field('bank')(event.target.value)}
            />
          </label>
          <label className="field">
            <span>Registration no.</span>
            <input className="input" value={draft.registrationId} onChange={(event) => field('registrationId')(event.target.value)} />
          </label>
          <label className="field">
            <span>Tax ID</span>
            <input className="input" value={draft.taxId} onChange={(event) => field('taxId')(event.target.value)} />
          </label>
          <label className="field">
            <span>Phone</span>
            <input className="input" value={draft.phone} onChange={(event) => field('phone')(event.target.value)} />
          </label>
          <label className="field">
            <span>Email</span>
            <input className="input" type="email" value={draft.email} onChange={(event) => field('email')(event.target.value)} />
          </label>
          <label className="field">
            <span>Paper</span>
            <select className="input" value={draft.paper} onChange={(event) => field('paper')(event.target.value as PaperSize)}>
              {PAPER_SIZES.map((size) => (
                <option key={size} value={size}>
                  {PAPER_WORDS[size]}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span>Logo (PNG or JPEG, up to 300 kB)</span>
            <div className="logo-row">
              {draft.logoBase64 && <img className="logo-preview" alt="The logo as printed" src={`data:image/png;base64,${draft.logoBase64}`} />}
              <input type="file" accept="image/png,image/jpeg" aria-label="Choose a logo" onChange={(event) => void pickLogo(event.target.files?.[0])} />
              {draft.logoBase64 && (
                <button type="button" className="link-button" onClick={() => field('logoBase64')('')}>
                  Remove
                </button>
              )}
            </div>
            {logoProblem && <p className="field-error">{logoProblem}</p>}
          </div>
        </div>
        <div className="setting-actions">
          <button type="submit" className="button primary">
            Save letterhead
          </button>
          {message && <span className="saved">{message}</span>}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="The letterhead was not saved." />}
    </form>
  );
}
