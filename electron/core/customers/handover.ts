import { AppError } from '../../../shared/errors';
import { recordActivity } from '../activity/record-activity';
import { nowOf } from '../context';
import type { Handlers } from '../handler-types';
import type { ColumnsRow } from '../../db/typed-row';

/**
 * A collector's customers handed to another at once (a leave, a new split of the book): each gets
 * the assignment entry that one reassignment writes, with the note, so it reaches every desk of a
 * team like any assignment. All or none.
 */
export const handoverHandlers: Handlers<'customers.handover'> = {
  'customers.handover': ({ fromCollector: from, toCollector: to, note }, ctx) => {
    const { sqlite } = ctx.database;
    const ids = (sqlite.prepare('SELECT id FROM customers WHERE collector = ? ORDER BY id').all(from) as ColumnsRow<'customers', 'id'>[]).map((row) => row.id);
    if (ids.length === 0) throw new AppError('NOT_FOUND', `No customer is assigned to "${from}".`);
    const assign = sqlite.prepare('UPDATE customers SET collector = ?, updated_at = ? WHERE id = ?');
    sqlite.transaction(() => {
      for (const customerId of ids) {
        recordActivity(ctx, {
          customerId,
          kind: 'assignment',
          body: { from, to, note },
          also: () => {
            assign.run(to, nowOf(ctx), customerId);
            return { entity: 'customer', id: customerId };
          },
        });
      }
    })();
    return { moved: ids.length };
  },
};
