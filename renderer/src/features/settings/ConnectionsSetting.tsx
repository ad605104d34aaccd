import { useNav } from '../../app/nav-store';

/** The ERP connection (sync arrives with its own issue) and where policies and templates are edited. */
export function ConnectionsSetting() {
  const go = useNav((nav) => nav.go);
  return (
    <>
      <section className="setting" data-testid="erp-setting">
        <fieldset>
          <legend>ERP connection</legend>
          <p className="muted">Direct sync with your ERP arrives in a later version. Until then, bring in its exports on the Import screen.</p>
          <div className="setting-actions">
            <button type="button" className="button" onClick={() => go('import')}>Open Import</button>
          </div>
        </fieldset>
      </section>
      <section className="setting">
        <fieldset>
          <legend>Policies and templates</legend>
          <p className="muted">Dunning ladders per segment and the email templates they send are edited on the Outreach screen, in its Ladder and Templates tabs.</p>
          <div className="setting-actions">
            <button type="button" className="button" onClick={() => go('outreach')}>Open Outreach</button>
          </div>
        </fieldset>
      </section>
    </>
  );
}
