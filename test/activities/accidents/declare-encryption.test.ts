/**
 * The accident declaration holds health data and a national id: over the insurer's channel it
 * leaves only PGP-encrypted. Without the insurer's key it is refused (not retried) and nothing is
 * sent — unless the insecure local-testing switch is on.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createDeclareActivities } from '../../../activities/accidents/declare';
import type { Db } from '../../../db/client';
import { supplierReportSettings } from '../../../db/schema';
import { defaultReportFormat } from '../../../domain/reports/format';
import { outboundPolicy } from '../../../infra/outbound';
import { createAccidentWorld, insertAccident } from '../../support/accident-fixture';
import { TEST_SECRETS, testFiles } from '../../support/harness';
import { TEST_OUTBOUND } from '../../support/outbound';
import { type TestSmtp, useDbAndSmtp } from '../../support/smtp';

let db: Db;
let smtp: TestSmtp;
useDbAndSmtp((d, s) => { db = d; smtp = s; });

it('is refused without the insurer\'s PGP key, and sent with the switch on', async () => {
  const world = await createAccidentWorld(db);
  await db.insert(supplierReportSettings).values({ supplierId: world.supplierId, format: defaultReportFormat('accident'), delivery: { transport: 'email', to: ['claims@insurer.test'] } });
  const accidentId = await insertAccident(db, world, { occurredAt: new Date(Date.now() - 86_400_000), deadlineDate: '2099-01-01' });
  const files = await testFiles();
  const mail = { smtpUrl: smtp.url, from: 'mutaflow@test.invalid' };
  const input = { accidentId, by: 'user:test', via: 'channel' as const, lang: 'nl' as const, requestedAt: Date.now() };

  const strict = createDeclareActivities({ db, files, secrets: TEST_SECRETS, mail, outbound: outboundPolicy({ allow: '127.0.0.1' }) });
  const err = await strict.declareAccident(input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect(err).toMatchObject({ type: 'EncryptionRequired', nonRetryable: true });
  expect(smtp.messages).toHaveLength(0);

  const local = createDeclareActivities({ db, files, secrets: TEST_SECRETS, mail, outbound: TEST_OUTBOUND });
  expect(await local.declareAccident(input)).toMatchObject({ via: 'channel', delivered: true });
  expect(smtp.messages).toHaveLength(1);
});
