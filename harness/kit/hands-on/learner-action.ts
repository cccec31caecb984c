// Hands-on: what stands in for a step's shown action when the learner ran it in their own terminal.
// The runner cannot see the learner's psql session, so it looks at what it can: the REST requests
// they sent, the rows a shown SQL file ends by selecting, and the error a refused statement gives.
import type { LearnerActionArgs } from './attempt-types.ts';

/** The last statement of a SQL file when it is a query, so the runner can read the rows the learner saw. */
export function trailingSelect(sqlText: string): string | undefined {
  const withoutComments = sqlText.replace(/--[^\n]*/g, '');
  const statements = withoutComments.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '');
  const last = statements.at(-1);
  return last !== undefined && /^(select|with|table)\b/i.test(last) ? last : undefined;
}

/** The learner's last request for this method and path; its failure is the step's, as in a normal run. */
function sawRequest(served: LearnerActionArgs['served'], method: string, path: string): boolean {
  const bare = (p: string): string => p.split('?')[0]!.replace(/\/$/, '');
  const request = served.filter((r) => r.method === method && bare(r.path) === bare(path)).at(-1);
  if (request?.error !== undefined) throw request.error;
  return request !== undefined;
}

export async function learnerAction({ ctx, client, served }: LearnerActionArgs): Promise<void> {
  const show = ctx.step.show;
  if (show === undefined) return;
  if (show.kind === 'sql') {
    const text = ctx.shown ?? '';
    if (ctx.step.expectError === true) {
      // a statement PostgreSQL refuses changes nothing: replay it, rolled back, to see the refusal
      await client.query('BEGIN');
      try {
        await client.query(text);
      } finally {
        await client.query('ROLLBACK');
      }
      return;
    }
    const select = trailingSelect(text);
    if (select === undefined) return;
    try {
      ctx.resultRows = await ctx.query(select);
    } catch {
      // a query with an effect (e.g. creating a slot) cannot be read twice: the learner's run did it,
      // and claims that need its rows will say so
    }
    return;
  }
  if (show.kind === 'json' && !sawRequest(served, 'POST', '/connectors')) {
    throw new Error('no connector was registered in this step: send the curl command above (POST /connectors) first');
  }
  if (show.kind === 'curl' && !sawRequest(served, show.method, show.path)) {
    throw new Error(`the lab's REST endpoint saw no ${show.method} ${show.path} in this step: send the curl command above first`);
  }
  if (show.kind === 'shell') throw new Error(`a shell step runs its own action: give step "${ctx.step.title}" a run function`);
}
