export { payrollImport } from './payroll-import';
export { insurerMessage } from './insurer-message';
