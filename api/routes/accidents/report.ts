import { and, gte, lt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accidents, persons } from '../../../db/schema';
import type { AccidentForStats, ExposurePerson} from '../../../domain/accidents/stats';
import { accidentReport } from '../../../domain/accidents/stats';
import { DAY_MS, TIME_ZONES, localDate } from '../../../domain/shared/calendar';
import { renderAccidentReportXlsx } from '../../../activities/accidents/accident-report-xlsx';
import { ApiError } from '../../errors';
import { employerScope } from '../../scope';

const date = z.iso.date();

const rowSchema = z.object({
  group: z.string(), accidents: z.number(), minorAccidents: z.number(), accidentsWithLostDays: z.number(), daysLost: z.number(),
  hoursWorked: z.number(), frequencyRate: z.number().nullable(), severityRate: z.number().nullable(),
});

const str = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
/** Canonical dates are ISO after an import; anything else (a hand-edited person) counts as unknown. */
const isoDate = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/accidents/report', {
    config: { permission: 'accidents.report' },
    schema: {
      tags: ['accidents'], summary: 'For the prevention advisor: accidents, days lost, frequency and severity rates per group (JSON or XLSX)',
      description: 'Frequency rate = accidents with ≥ 1 day lost × 1,000,000 / hours worked; severity rate = calendar days lost × 1,000 / hours worked. Hours worked are estimated from the payroll (schedule % × full-time weekly hours × weeks employed) unless a person lacks them.',
      querystring: z.object({
        from: date, to: date, employerId: z.uuid().optional(), groupBy: z.enum(['department', 'category', 'month']).default('category'),
        fullTimeWeeklyHours: z.coerce.number().min(1).max(60).default(38), format: z.enum(['json', 'xlsx']).default('json'), lang: z.enum(['nl', 'fr', 'en']).default('en'),
      }),
      response: { 200: z.object({ from: z.string(), to: z.string(), groupBy: z.string(), fullTimeWeeklyHours: z.number(), rows: z.array(rowSchema), total: rowSchema }) },
    },
  }, async (request, reply) => {
    const q = request.query;
    if (q.to < q.from) throw new ApiError(400, 'validation', 'querystring.to: before from');
    // A day of slack on both sides: accidents are counted by their local date below.
    // Without an employer, the figures cover every employer granted to the caller (and no other).
    const rows = await app.db.select().from(accidents).where(and(
      gte(accidents.occurredAt, new Date(Date.parse(`${q.from}T00:00:00Z`) - DAY_MS)), lt(accidents.occurredAt, new Date(Date.parse(`${q.to}T00:00:00Z`) + 2 * DAY_MS)),
      employerScope(request, accidents.employerId, q.employerId),
    ));
    const people = await app.db.select({ id: persons.id, data: persons.data }).from(persons).where(employerScope(request, persons.employerId, q.employerId));
    const byId = new Map(people.map((p) => [p.id, p.data as Record<string, unknown>]));
    const stats: AccidentForStats[] = rows.map((a) => {
      const p = byId.get(a.personId) ?? {};
      return {
        id: a.id, occurredOn: localDate(a.occurredAt.getTime(), TIME_ZONES[a.country]), incapacityFrom: a.incapacityFrom, workResumedOn: a.workResumedOn,
        fatal: a.fatal, minor: a.status === 'first_aid', department: str(p.department), category: str(p.category),
      };
    });
    const exposure: ExposurePerson[] = people.map(({ data }) => {
      const p = data as Record<string, unknown>;
      const pct = Number(p.workSchedulePercent);
      return { hireDate: isoDate(p.hireDate), exitDate: isoDate(p.exitDate), workSchedulePercent: Number.isFinite(pct) && p.workSchedulePercent !== null && p.workSchedulePercent !== '' ? pct : null, department: str(p.department), category: str(p.category) };
    });
    const report = accidentReport({ from: q.from, to: q.to, groupBy: q.groupBy, accidents: stats, persons: exposure, fullTimeWeeklyHours: q.fullTimeWeeklyHours });
    if (q.format === 'xlsx') {
      const bytes = await renderAccidentReportXlsx(report, q.lang);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        // A Buffer is sent as it is (Fastify serialises objects only); the schema above is the JSON answer's.
        .header('content-disposition', `attachment; filename="accidents-${q.from}-${q.to}.xlsx"`).send(bytes as unknown as typeof report);
    }
    return report;
  });
};

export default reportRoutes;
