import type { z } from 'zod';
import { emailAddressSchema } from '../../shared/text';
import { currencyCodeSchema, isoDateSchema } from '../../shared/value-schemas';

/** The shared value schemas a field can take, by the kind of value. */
export const VALUE_SCHEMAS = { date: isoDateSchema, currency: currencyCodeSchema, email: emailAddressSchema } as const;
export type ValueKind = keyof typeof VALUE_SCHEMAS;

/** Field names that hold a date, a currency code or an address, wherever they appear in a procedure's input. */
const NAMED: Record<ValueKind, RegExp> = {
  date: /(Date|^asOf|^from|^to|^payBy|^weekStart)$/,
  currency: /^(currency|baseCurrency)$/,
  email: /(email|Address|^replyTo|^bcc)$/,
};

export interface ValueField {
  /** Where the value goes; a record's keys are named by `key`. */
  path: (string | number)[];
  kind: ValueKind;
  /** The key of a record whose keys are of this kind (e.g. currency codes), rather than a value. */
  recordKey: boolean;
  /** Literal fields of the enclosing objects (a discriminated union's tag), so the input reaches this branch. */
  literals: [(string | number)[], unknown][];
}

export interface SchemaWalk {
  fields: ValueField[];
  /** Fields named like a date, currency or address that do not use the shared schema for it. */
  strays: string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function kindOf(schema: z.ZodType): ValueKind | null {
  return (Object.keys(VALUE_SCHEMAS) as ValueKind[]).find((kind) => VALUE_SCHEMAS[kind] === schema) ?? null;
}

/** Unwraps optional, default, nullable … down to the schema that judges the value. */
function core(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType) return core(def.innerType);
  if (def.type === 'pipe' && def.in) return core(def.in);
  return schema;
}

/** Every place in a procedure's input schema where a shared value schema applies, and names that should but do not. */
export function valueFields(schema: z.ZodType): SchemaWalk {
  const walk: SchemaWalk = { fields: [], strays: [] };
  visit(schema, [], [], null, walk);
  return walk;
}

function visit(schema: z.ZodType, path: (string | number)[], literals: ValueField['literals'], name: string | null, walk: SchemaWalk): void {
  const inner = core(schema);
  const kind = kindOf(inner);
  if (kind) {
    walk.fields.push({ path, kind, recordKey: false, literals });
    return;
  }
  const def = defOf(inner);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const tags = Object.entries(shape).flatMap(([key, field]): ValueField['literals'] => {
        const fieldDef = defOf(core(field));
        return fieldDef.type === 'literal' ? [[[...path, key], fieldDef.values![0]]] : [];
      });
      for (const [key, field] of Object.entries(shape)) visit(field, [...path, key], [...literals, ...tags], key, walk);
      return;
    }
    case 'array':
      return visit(def.element!, [...path, 0], literals, name, walk);
    case 'union':
      for (const option of def.options!) visit(option, path, literals, name, walk);
      return;
    case 'record': {
      const keyKind = kindOf(core(def.keyType!));
      if (keyKind) walk.fields.push({ path, kind: keyKind, recordKey: true, literals });
      return visit(def.valueType!, [...path, '*'], literals, name, walk);
    }
    case 'string': {
      const named = name === null ? undefined : (Object.keys(NAMED) as ValueKind[]).find((k) => NAMED[k].test(name));
      if (named) walk.strays.push(`${path.join('.')} (a ${named} without the shared schema)`);
      return;
    }
    default:
  }
}

/** An input holding `value` at the field (and the literals that select its branch), nothing else. */
export function inputWith(field: ValueField, value: string): unknown {
  const root: Record<string, unknown> = {};
  const put = (path: (string | number)[], leaf: unknown): void => {
    let node: Record<string | number, unknown> | unknown[] = root;
    path.forEach((step, i) => {
      const last = i === path.length - 1;
      const container = node as Record<string | number, unknown>;
      if (last) container[step] = leaf;
      else {
        container[step] ??= typeof path[i + 1] === 'number' ? [] : {};
        node = container[step] as Record<string | number, unknown>;
      }
    });
  };
  for (const [path, literal] of field.literals) put(path, literal);
  put(field.path, field.recordKey ? { [value]: 1 } : value);
  return root;
}
