import { useNav } from '../../app/nav-store';

/** Where dunning policies and templates are edited: they live with the outreach they drive. */
export function PoliciesSetting() {
  const go = useNav((nav) => nav.go);
  return (
    <section className="setting" data-testid="policies-setting">
      <fieldset>
        <legend>Policies and templates</legend>
        <p className="muted">
          Dunning ladders per segment and the email templates they send are edited on the Outreach screen, in its Ladder and Templates tabs.
        </p>
        <div className="setting-actions">
          <button type="button" className="button" onClick={() => go('outreach')}>
            Open Outreach
          </button>
        </div>
      </fieldset>
    </section>
  );
}
