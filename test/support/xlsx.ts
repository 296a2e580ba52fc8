/** Reading a workbook back in tests: the bytes as exceljs sees them, and a sheet's rows as plain values. */
import ExcelJS from 'exceljs';

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => { out.push((row.values as unknown[]).slice(1)); });
  return out;
}
