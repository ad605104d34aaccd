import { importMappingSchema } from '../../../shared/import-mapping';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import { previewImport, runImport } from './import-file';
import { PRESETS } from './presets';

export const importHandlers: Handlers<'import.presets' | 'import.preview' | 'import.run' | 'import.mappings.list' | 'import.mappings.save' | 'jobs.cancel'> = {
  'import.presets': () => PRESETS.map(({ id, label, kind, description }) => ({ id, label, kind, description })),
  'import.preview': (input, ctx) => previewImport(ctx, input),
  'import.run': async (input, ctx) => {
    const touched = new Set<number>();
    const summary = await ctx.jobs.run(input.jobId, (job) => runImport(ctx, input, job, touched));
    // Imported: an uploaded copy has served its purpose (a refused file stays, to try another mapping).
    ctx.files.release(input.fileId);
    ctx.ledgerWritten(touched);
    return summary;
  },
  'import.mappings.list': (_input, ctx) =>
    (ctx.database.sqlite.prepare('SELECT name, mapping FROM saved_mappings ORDER BY name').all() as { name: string; mapping: string }[]).map((row) => ({
      name: row.name,
      mapping: importMappingSchema.parse(JSON.parse(row.mapping)),
    })),
  'import.mappings.save': ({ name, mapping }, ctx) => {
    ctx.database.sqlite
      .prepare(
        'INSERT INTO saved_mappings (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
      )
      .run(name, JSON.stringify(mapping), nowOf(ctx));
    return { name };
  },
  'jobs.cancel': ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
};
