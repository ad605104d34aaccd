import type { Migration } from './migration';

/**
 * How each invoice was sent (electronic or paper, when the export says: a risk feature); the learned
 * risk model and what it said; each cash-forecast run's weekly figures, kept so a forecast can be
 * compared later with what actually came in. Models are kept (small, and they say when the score
 * changed); customer scores are those of the latest model only.
 */
export const riskForecast: Migration = {
  name: 'risk-forecast',
  up: (db) => {
    db.exec(`
      ALTER TABLE invoices ADD COLUMN billing TEXT CHECK (billing IN ('electronic', 'paper'));
      CREATE TABLE risk_models (
        id INTEGER PRIMARY KEY,
        trained_at TEXT NOT NULL,
        as_of TEXT NOT NULL,
        n_train INTEGER NOT NULL,
        model TEXT NOT NULL
      );
      CREATE TABLE customer_risk (
        customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
        model_id INTEGER NOT NULL REFERENCES risk_models(id) ON DELETE CASCADE,
        p_late REAL NOT NULL,
        expected_days_late REAL NOT NULL,
        segment TEXT NOT NULL CHECK (segment IN ('reliable', 'occasionally_late', 'habitually_late', 'new')),
        reasons TEXT NOT NULL,
        advice TEXT NOT NULL
      );
      CREATE TABLE forecast_runs (
        id INTEGER PRIMARY KEY,
        as_of TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE forecast_weeks (
        run_id INTEGER NOT NULL REFERENCES forecast_runs(id) ON DELETE CASCADE,
        currency TEXT NOT NULL,
        week_start TEXT NOT NULL,
        week_end TEXT NOT NULL,
        expected_minor INTEGER NOT NULL,
        low_minor INTEGER NOT NULL,
        high_minor INTEGER NOT NULL,
        PRIMARY KEY (run_id, currency, week_start)
      );
    `);
  },
};
