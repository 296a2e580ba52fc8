export { payrollImport } from './payroll-import';
export { insurerMessage } from './insurer-message';
export { monthlyCycle } from './monthly-cycle';
export { scheduledCycle } from './scheduled-cycle';
export { accidentCase } from './accident-case';
export { retentionPurge } from './retention-purge';
export { maintenanceSweep } from './sweep';
export { fileComparison } from './file-comparison';
