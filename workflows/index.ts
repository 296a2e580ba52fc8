export { payrollImport } from './payroll-import';
