import { auditCsvHeader, auditCsvLine } from '../../../domain/access/audit-csv';

const record = {
  id: 7, at: '2026-01-02T03:04:05.000Z', actor: 'user:a@example.test', action: 'read', method: 'GET', route: '/api/persons/:id', resourceId: null,
  employerId: null, personId: null, personIds: null, status: 200, ip: '127.0.0.1', hash: 'abc',
};

describe('audit trail CSV lines', () => {
  it('writes the columns in header order, empty for null', () => {
    expect(auditCsvHeader()).toBe('id,at,actor,action,method,route,resourceId,employerId,personId,personIds,status,ip,hash\r\n');
    expect(auditCsvLine(record)).toBe('7,2026-01-02T03:04:05.000Z,user:a@example.test,read,GET,/api/persons/:id,,,,,200,127.0.0.1,abc\r\n');
  });

  it('neutralises a value a spreadsheet would run, and quotes separators and quotes', () => {
    const line = auditCsvLine({ ...record, actor: 'token:=HYPERLINK("x")', personIds: ['a', 'b'] });
    expect(line).toContain(',"token:=HYPERLINK(""x"")",');
    expect(auditCsvLine({ ...record, actor: '=1+1' })).toContain(",'=1+1,");
    expect(line).toContain(',a b,');
  });
});
