import type { AccidentForStats, ExposurePerson} from '../../../domain/accidents/stats';
import { accidentReport, estimateHoursWorked } from '../../../domain/accidents/stats';

// 35 hours a week full time: 5 hours a calendar day, so the expected hours are easy to check by hand.
const FULL_TIME = 35;

const person = (over: Partial<ExposurePerson>): ExposurePerson => ({ hireDate: '2020-01-01', exitDate: null, workSchedulePercent: 100, department: 'Production', category: 'blue_collar', ...over });
let seq = 0;
const accident = (over: Partial<AccidentForStats>): AccidentForStats => ({
  id: `a${++seq}`, occurredOn: '2026-01-05', incapacityFrom: null, workResumedOn: null, fatal: false, minor: false, department: 'Production', category: 'blue_collar', ...over,
});

describe('estimateHoursWorked', () => {
  const from = '2026-01-01';
  const to = '2026-01-28'; // 28 days

  it('counts schedule % × weekly hours × days employed / 7, from hire to exit date included', () => {
    const hours = estimateHoursWorked([
      person({}), // 28 days × 5 = 140
      person({ workSchedulePercent: 50, department: 'Office' }), // part time: 28 × 2.5 = 70
      person({ hireDate: '2026-01-15' }), // hired mid-period: 15th–28th = 14 days × 5 = 70
      person({ exitDate: '2026-01-07', workSchedulePercent: 80 }), // left mid-period: 1st–7th = 7 days × 4 = 28
      person({ hireDate: '2026-02-01' }), // hired after the period
      person({ hireDate: '2019-01-01', exitDate: '2025-12-31' }), // left before it
      person({ department: null, workSchedulePercent: null, hireDate: null }), // no schedule: full time; no hire date: employed all along
    ], from, to, FULL_TIME, 'department');
    expect(Object.fromEntries(hours)).toEqual({ Production: 238, Office: 70, unknown: 140 });
  });

  it('defaults to the weekly hours given and groups by category', () => {
    const hours = estimateHoursWorked([person({}), person({ category: 'white_collar', workSchedulePercent: 50 }), person({ category: null })], '2026-01-01', '2026-01-07', 38, 'category');
    expect(Object.fromEntries(hours)).toEqual({ blue_collar: 38, white_collar: 19, unknown: 38 });
  });

  it('splits the days employed over the calendar months', () => {
    const hours = estimateHoursWorked([person({ hireDate: '2026-01-30', exitDate: '2026-03-02' })], '2026-01-01', '2026-03-31', FULL_TIME, 'month');
    expect(Object.fromEntries(hours)).toEqual({ '2026-01': 10, '2026-02': 140, '2026-03': 10 });
  });
});

describe('accidentReport', () => {
  it('counts accidents, days lost and rates per department, with a total', () => {
    const persons = [
      person({}), person({ workSchedulePercent: 50, department: 'Office' }), person({ hireDate: '2026-01-15' }),
      person({ exitDate: '2026-01-07', workSchedulePercent: 80 }), person({ department: null, workSchedulePercent: null }),
    ];
    const accidents = [
      // Incapacity 6th up to the day before resuming on the 16th: 10 days.
      accident({ occurredOn: '2026-01-05', incapacityFrom: '2026-01-06', workResumedOn: '2026-01-16' }),
      // No incapacity: an accident, not one with days lost.
      accident({ occurredOn: '2026-01-10' }),
      // First-aid register only: never days lost, even with a date filled in.
      accident({ occurredOn: '2026-01-12', minor: true, incapacityFrom: '2026-01-12' }),
      // Resumed after the period: 26th–28th = 3 days.
      accident({ occurredOn: '2026-01-25', incapacityFrom: '2026-01-26', workResumedOn: '2026-02-10' }),
      // Not resumed: clipped to `to`, 21st–28th = 8 days.
      accident({ occurredOn: '2026-01-20', incapacityFrom: '2026-01-21', department: 'Office' }),
      // Resumed on the day incapacity started: 0 days.
      accident({ occurredOn: '2026-01-22', incapacityFrom: '2026-01-22', workResumedOn: '2026-01-22', department: 'Office' }),
      // A department nobody is employed in any more: no hours, no rate.
      accident({ occurredOn: '2026-01-03', incapacityFrom: '2026-01-04', workResumedOn: '2026-01-05', department: 'Warehouse' }),
      // Before the period: not counted, though its incapacity runs into it.
      accident({ occurredOn: '2025-12-30', incapacityFrom: '2025-12-31', workResumedOn: '2026-01-20' }),
    ];
    const report = accidentReport({ from: '2026-01-01', to: '2026-01-28', groupBy: 'department', accidents, persons, fullTimeWeeklyHours: FULL_TIME });
    expect(report).toMatchObject({ from: '2026-01-01', to: '2026-01-28', groupBy: 'department', fullTimeWeeklyHours: 35 });
    expect(report.rows).toEqual([
      { group: 'Office', accidents: 2, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 8, hoursWorked: 70, frequencyRate: 14285.71, severityRate: 114.29 },
      { group: 'Production', accidents: 4, minorAccidents: 1, accidentsWithLostDays: 2, daysLost: 13, hoursWorked: 238, frequencyRate: 8403.36, severityRate: 54.62 },
      { group: 'Warehouse', accidents: 1, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 1, hoursWorked: 0, frequencyRate: null, severityRate: null },
      { group: 'unknown', accidents: 0, minorAccidents: 0, accidentsWithLostDays: 0, daysLost: 0, hoursWorked: 140, frequencyRate: 0, severityRate: 0 },
    ]);
    expect(report.total).toEqual({ group: 'total', accidents: 7, minorAccidents: 1, accidentsWithLostDays: 4, daysLost: 22, hoursWorked: 448, frequencyRate: 8928.57, severityRate: 49.11 });
  });

  it('groups by month of the accident, counting a fatal accident as one with days lost', () => {
    const persons = [
      person({}), // 155 / 140 / 155
      person({ hireDate: '2026-02-15', workSchedulePercent: 60 }), // Feb 14 days × 3 = 42, Mar 31 × 3 = 93
      person({ exitDate: '2026-03-10' }), // 155 / 140 / 50
    ];
    const accidents = [
      accident({ occurredOn: '2026-01-31', incapacityFrom: '2026-02-01', workResumedOn: '2026-02-05' }), // 4 days, in January's row
      accident({ occurredOn: '2026-02-10', fatal: true }),
      accident({ occurredOn: '2026-03-15', incapacityFrom: '2026-03-15' }), // 15th–31st = 17 days
    ];
    const report = accidentReport({ from: '2026-01-01', to: '2026-03-31', groupBy: 'month', accidents, persons, fullTimeWeeklyHours: FULL_TIME });
    expect(report.rows).toEqual([
      { group: '2026-01', accidents: 1, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 4, hoursWorked: 310, frequencyRate: 3225.81, severityRate: 12.9 },
      { group: '2026-02', accidents: 1, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 0, hoursWorked: 322, frequencyRate: 3105.59, severityRate: 0 },
      { group: '2026-03', accidents: 1, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 17, hoursWorked: 298, frequencyRate: 3355.7, severityRate: 57.05 },
    ]);
    expect(report.total).toMatchObject({ accidents: 3, accidentsWithLostDays: 3, daysLost: 21, hoursWorked: 930, frequencyRate: 3225.81, severityRate: 22.58 });
  });

  it('uses 38 hours a week by default and rounds hours and rates to 2 decimals', () => {
    // 100% for 3 days: 38 × 3 / 7 = 16.2857… hours.
    const report = accidentReport({
      from: '2026-01-01', to: '2026-01-03', groupBy: 'category', persons: [person({})],
      accidents: [accident({ occurredOn: '2026-01-01', incapacityFrom: '2026-01-02' })],
    });
    expect(report.fullTimeWeeklyHours).toBe(38);
    // 2 days lost × 1,000 / 16.2857 = 122.807…; 1 × 1,000,000 / 16.2857 = 61403.5…
    expect(report.rows).toEqual([{ group: 'blue_collar', accidents: 1, minorAccidents: 0, accidentsWithLostDays: 1, daysLost: 2, hoursWorked: 16.29, frequencyRate: 61403.51, severityRate: 122.81 }]);
  });

  it('gives null rates when no hour was worked at all', () => {
    const report = accidentReport({ from: '2026-01-01', to: '2026-01-31', groupBy: 'category', persons: [], accidents: [accident({ incapacityFrom: '2026-01-06' })] });
    expect(report.total).toMatchObject({ accidents: 1, hoursWorked: 0, frequencyRate: null, severityRate: null });
    expect(accidentReport({ from: '2026-01-01', to: '2026-01-31', groupBy: 'month', persons: [], accidents: [] })).toMatchObject({ rows: [], total: { accidents: 0, frequencyRate: null } });
  });

  it('refuses a reversed period or a date it cannot read', () => {
    expect(() => accidentReport({ from: '2026-02-01', to: '2026-01-31', groupBy: 'month', persons: [], accidents: [] })).toThrow(RangeError);
    expect(() => accidentReport({ from: '2026-01-01', to: '2026-01-31', groupBy: 'month', persons: [person({ hireDate: '01-02-2020' })], accidents: [] })).toThrow(/hireDate/);
  });
});
