/**
 * The records of an Odoo 17 database as its ORM shows them through the external API, for the
 * stand-in server: each model's fields as Odoo 17 defines them (addons/account/models/*.py,
 * odoo/addons/base/models/res_partner.py), relations read as [id, display name] (many2one) or a
 * list of ids (one2many, many2many), empty values as `false`, and every write stamping write_date
 * (one stamp per transaction, as Odoo's is the transaction's start). Unknown models and fields
 * are refused as Odoo refuses them, so a client asking for a field Odoo 17 does not have fails here.
 */
export type OdooRecord = { id: number; write_date: string; create_date: string } & Record<string, unknown>;

type Field =
  | { type: 'value' }
  | { type: 'many2one'; comodel: string }
  /** Computed from other records on read (one2many inverses, non-stored computes). */
  | { type: 'computed'; read: (store: OdooStore, record: OdooRecord) => unknown };

const value: Field = { type: 'value' };
const m2o = (comodel: string): Field => ({ type: 'many2one', comodel });
const computed = (read: (store: OdooStore, record: OdooRecord) => unknown): Field => ({ type: 'computed', read });
const values = (...names: string[]): Record<string, Field> => Object.fromEntries(names.map((name) => [name, value]));

const inverse = (model: string, field: string) =>
  computed((store, record) =>
    store
      .table(model)
      .filter((row) => row[field] === record.id)
      .map((row) => row.id),
  );

/** The partner a company's contact belongs to: the top of its parent chain, as Odoo's commercial_partner_id. */
export function commercialPartner(store: OdooStore, partnerId: unknown): OdooRecord | undefined {
  let partner = store.find('res.partner', partnerId);
  while (partner?.parent_id) partner = store.find('res.partner', partner.parent_id);
  return partner;
}

export const SCHEMA: Record<string, Record<string, Field>> = {
  'res.currency': values('name', 'symbol', 'decimal_places', 'active'),
  'account.account': values('name', 'code', 'account_type', 'reconcile'),
  'account.full.reconcile': {
    ...values('name'),
    partial_reconcile_ids: inverse('account.partial.reconcile', 'full_reconcile_id'),
    reconciled_line_ids: inverse('account.move.line', 'full_reconcile_id'),
  },
  'res.partner': {
    ...values(
      'name',
      'email',
      'phone',
      'type',
      'is_company',
      'customer_rank',
      'supplier_rank',
      'ref',
      'active',
      // Related to country_id.code in Odoo (read-only); the stand-in holds the code itself.
      'country_code',
    ),
    parent_id: m2o('res.partner'),
    commercial_partner_id: computed((store, record) => relation(store, 'res.partner', commercialPartner(store, record.id)?.id)),
    child_ids: inverse('res.partner', 'parent_id'),
  },
  'account.move': {
    ...values(
      'name',
      'move_type',
      'state',
      'date',
      'invoice_date',
      'invoice_date_due',
      'ref',
      'amount_untaxed',
      'amount_tax',
      'amount_total',
      'amount_residual',
      'amount_total_signed',
      'amount_residual_signed',
      'payment_state',
      'access_url',
      'access_token',
    ),
    partner_id: m2o('res.partner'),
    commercial_partner_id: computed((store, record) => relation(store, 'res.partner', commercialPartner(store, record.partner_id)?.id)),
    currency_id: m2o('res.currency'),
    payment_id: m2o('account.payment'),
    reversed_entry_id: m2o('account.move'),
    line_ids: inverse('account.move.line', 'move_id'),
  },
  'account.move.line': {
    ...values(
      'name',
      'date',
      'date_maturity',
      'parent_state',
      'move_name',
      'display_type',
      'account_type',
      'debit',
      'credit',
      'balance',
      'amount_currency',
      'amount_residual',
      'amount_residual_currency',
      'reconciled',
      'matching_number',
    ),
    move_id: m2o('account.move'),
    account_id: m2o('account.account'),
    partner_id: m2o('res.partner'),
    currency_id: m2o('res.currency'),
    payment_id: m2o('account.payment'),
    full_reconcile_id: m2o('account.full.reconcile'),
    move_type: computed((store, record) => store.find('account.move', record.move_id)?.move_type ?? false),
    matched_debit_ids: inverse('account.partial.reconcile', 'credit_move_id'),
    matched_credit_ids: inverse('account.partial.reconcile', 'debit_move_id'),
  },
  'account.partial.reconcile': {
    ...values('amount', 'debit_amount_currency', 'credit_amount_currency', 'max_date'),
    debit_move_id: m2o('account.move.line'),
    credit_move_id: m2o('account.move.line'),
    full_reconcile_id: m2o('account.full.reconcile'),
    exchange_move_id: m2o('account.move'),
    debit_currency_id: m2o('res.currency'),
    credit_currency_id: m2o('res.currency'),
    company_currency_id: m2o('res.currency'),
  },
  'account.payment': {
    ...values('name', 'date', 'amount', 'payment_type', 'partner_type', 'state', 'ref', 'is_reconciled', 'is_matched'),
    move_id: m2o('account.move'),
    partner_id: m2o('res.partner'),
    currency_id: m2o('res.currency'),
    destination_account_id: m2o('account.account'),
    // Non-stored in Odoo 17: the invoices whose receivable lines the payment's are matched with.
    reconciled_invoice_ids: computed((store, record) => reconciledInvoices(store, record)),
  },
  'mail.message': { ...values('model', 'res_id', 'body', 'message_type') },
};

/** What Odoo names a record in a many2one: its display name. */
function displayName(store: OdooStore, model: string, record: OdooRecord): string {
  if (model === 'account.move.line') return `${String(record.move_name)}${record.name ? ` ${String(record.name)}` : ''}`;
  if (model === 'account.partial.reconcile') return `${record.id}`;
  return String(record.name ?? record.id);
}

function relation(store: OdooStore, model: string, id: unknown): [number, string] | false {
  const record = store.find(model, id);
  return record ? [record.id, displayName(store, model, record)] : false;
}

function reconciledInvoices(store: OdooStore, payment: OdooRecord): number[] {
  const lines = store.table('account.move.line').filter((line) => line.move_id === payment.move_id && line.account_type === 'asset_receivable');
  const ids = new Set(lines.map((line) => line.id));
  const counterparts = store
    .table('account.partial.reconcile')
    .flatMap((partial) =>
      ids.has(partial.credit_move_id as number) ? [partial.debit_move_id] : ids.has(partial.debit_move_id as number) ? [partial.credit_move_id] : [],
    );
  const moves = counterparts.map((id) => store.find('account.move', store.find('account.move.line', id)?.move_id));
  return [...new Set(moves.filter((move) => move && ['out_invoice', 'out_refund'].includes(String(move.move_type))).map((move) => move!.id))];
}

export class OdooError extends Error {
  constructor(
    readonly odooName: string,
    message: string,
  ) {
    super(message);
  }
}

/** Records by model, with Odoo's way of reading, searching and stamping them. */
export class OdooStore {
  private readonly models = new Map<string, OdooRecord[]>();
  private nextId = 1;
  /** The stamp of the transaction under way, if any: Odoo gives every write of one transaction the same write_date. */
  private stampInUse: string | null = null;

  constructor(private clockMs: number) {}

  table(model: string): OdooRecord[] {
    if (!SCHEMA[model]) throw new OdooError('builtins.KeyError', model);
    let rows = this.models.get(model);
    if (!rows) this.models.set(model, (rows = []));
    return rows;
  }

  find(model: string, id: unknown): OdooRecord | undefined {
    return typeof id === 'number' ? this.table(model).find((row) => row.id === id) : undefined;
  }

  /** Runs `work` as one transaction: every record it writes gets one write_date. */
  transaction<T>(work: () => T): T {
    if (this.stampInUse) return work();
    this.clockMs += 1000;
    this.stampInUse = new Date(this.clockMs).toISOString().replace('T', ' ').slice(0, 19);
    try {
      return work();
    } finally {
      this.stampInUse = null;
    }
  }

  create(model: string, values: Record<string, unknown>): OdooRecord {
    return this.transaction(() => {
      this.checkFields(model, Object.keys(values));
      const record = { id: this.nextId++, ...values, create_date: this.stampInUse!, write_date: this.stampInUse! } as OdooRecord;
      this.table(model).push(record);
      return record;
    });
  }

  /** Writes the values that differ (Odoo stamps only records whose stored values change); returns the record. */
  write(model: string, id: number, values: Record<string, unknown>): OdooRecord {
    return this.transaction(() => {
      this.checkFields(model, Object.keys(values));
      const record = this.find(model, id);
      if (!record) throw new OdooError('odoo.exceptions.MissingError', `Record does not exist or has been deleted. (Record: ${model}(${id},))`);
      const changed = Object.entries(values).some(([field, next]) => JSON.stringify(record[field]) !== JSON.stringify(next));
      if (changed) Object.assign(record, values, { write_date: this.stampInUse! });
      return record;
    });
  }

  unlink(model: string, id: number): void {
    const rows = this.table(model);
    const index = rows.findIndex((row) => row.id === id);
    if (index >= 0) rows.splice(index, 1);
  }

  /** A field as the external API serializes it. */
  read(model: string, record: OdooRecord, field: string): unknown {
    const spec = SCHEMA[model]![field];
    if (field === 'id' || field === 'write_date' || field === 'create_date') return record[field];
    if (field === 'display_name') return displayName(this, model, record);
    if (!spec) throw new OdooError('builtins.ValueError', `Invalid field '${field}' on model '${model}'`);
    if (spec.type === 'computed') return spec.read(this, record);
    if (spec.type === 'many2one') return relation(this, spec.comodel, record[field]);
    const raw = record[field];
    return raw === undefined || raw === null || raw === '' ? false : raw;
  }

  /** The records a domain in Odoo's prefix notation selects. */
  search(model: string, domain: unknown[]): OdooRecord[] {
    return this.table(model).filter((record) => this.matches(model, record, domain));
  }

  /** Refuses a model or field Odoo 17 does not have, as Odoo does. */
  checkFields(model: string, fields: string[]): void {
    const spec = SCHEMA[model];
    if (!spec) throw new OdooError('builtins.KeyError', model);
    for (const field of fields) {
      if (!spec[field] && !['id', 'write_date', 'create_date', 'display_name'].includes(field)) {
        throw new OdooError('builtins.ValueError', `Invalid field '${field}' on model '${model}'`);
      }
    }
  }

  private matches(model: string, record: OdooRecord, domain: unknown[]): boolean {
    const stack: boolean[] = [];
    for (let i = domain.length - 1; i >= 0; i--) {
      const term = domain[i];
      if (term === '|' || term === '&') {
        const a = stack.pop()!;
        const b = stack.pop()!;
        stack.push(term === '|' ? a || b : a && b);
      } else if (term === '!') {
        stack.push(!stack.pop());
      } else {
        const [path, op, expected] = term as [string, string, unknown];
        stack.push(this.leaf(model, record, path, op, expected));
      }
    }
    return stack.every(Boolean);
  }

  /** One leaf: dotted paths follow many2one fields; a relation compares by id; a list field matches if any of its ids does. */
  private leaf(model: string, record: OdooRecord, path: string, op: string, expected: unknown): boolean {
    const [head, ...rest] = path.split('.');
    const spec = SCHEMA[model]![head!];
    if (!spec && head !== 'id' && head !== 'write_date' && head !== 'create_date') {
      throw new OdooError('builtins.ValueError', `Invalid field ${model}.${head} in leaf ${JSON.stringify([path, op, expected])}`);
    }
    if (rest.length > 0) {
      if (spec?.type !== 'many2one' && !(spec?.type === 'computed' && head === 'commercial_partner_id')) {
        throw new OdooError('builtins.ValueError', `Invalid path ${path} on model ${model}`);
      }
      const comodel = spec.type === 'many2one' ? spec.comodel : 'res.partner';
      const target = this.read(model, record, head!) as [number, string] | false;
      const related = target ? this.find(comodel, target[0]) : undefined;
      return related ? this.leaf(comodel, related, rest.join('.'), op, expected) : compare(false, op, expected);
    }
    const actual = this.read(model, record, head!);
    if (Array.isArray(actual) && actual.length === 2 && typeof actual[0] === 'number' && typeof actual[1] === 'string') return compare(actual[0], op, expected);
    if (Array.isArray(actual))
      return op === 'not in' || op === '!=' ? actual.every((id) => compare(id, op, expected)) : actual.some((id) => compare(id, op, expected));
    return compare(actual, op, expected);
  }
}

function compare(actual: unknown, op: string, expected: unknown): boolean {
  switch (op) {
    case '=':
      return actual === expected || (expected === false && (actual === false || actual === undefined));
    case '!=':
      return !(actual === expected || (expected === false && (actual === false || actual === undefined)));
    case '>':
      return actual !== false && (actual as number | string) > (expected as number | string);
    case '<':
      return actual !== false && (actual as number | string) < (expected as number | string);
    case '>=':
      return actual !== false && (actual as number | string) >= (expected as number | string);
    case '<=':
      return actual !== false && (actual as number | string) <= (expected as number | string);
    case 'in':
      return (expected as unknown[]).includes(actual);
    case 'not in':
      return !(expected as unknown[]).includes(actual);
    case 'ilike':
      return String(actual).toLowerCase().includes(String(expected).toLowerCase());
    default:
      throw new OdooError('builtins.ValueError', `Invalid leaf operator ${op}`);
  }
}
