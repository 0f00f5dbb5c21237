import { badRequest } from '../genesys-error';
import type { LibraryRecord, MessageRecipientRecord, ScriptRecord, SmsPhoneNumberRecord } from '../org-state';
import { REFERENCE_PATHS } from '../reference-kinds';
import { divisionRef } from '../route-helpers';
import type { Route } from '../route-table';
import { allOf, anyOf, byName, readOnlyRoutes } from './read-only-routes';

/**
 * What a queue uses to talk to customers: agent scripts, canned-response libraries, SMS numbers
 * and messaging recipients (open messaging, WhatsApp, …).
 */

/**
 * `phoneNumber`: digits and `*` only. Without a `*` the digits are searched anywhere in the
 * number; with one, `*` stands for any digits and the whole number must match.
 */
function phoneNumberFilter(query: URLSearchParams): (record: SmsPhoneNumberRecord) => boolean {
  const raw = query.get('phoneNumber');
  if (raw === null || raw === '') return () => true;
  const wanted = raw.replace(/^\+/, '');
  if (!/^[0-9*]+$/.test(wanted)) {
    throw badRequest(`phoneNumber may hold only digits and *, got "${raw}".`, [
      { errorCode: 'invalid.value', fieldName: 'phoneNumber' },
    ]);
  }
  const digits = (record: SmsPhoneNumberRecord) => record.phoneNumber.replace(/\D/g, '');
  if (!wanted.includes('*')) return (record) => digits(record).includes(wanted);
  const pattern = new RegExp(`^${wanted.split('*').join('\\d*')}$`);
  return (record) => pattern.test(digits(record));
}

export const messagingReferenceRoutes: Route[] = [
  ...readOnlyRoutes<ScriptRecord>({
    path: REFERENCE_PATHS.script,
    idParam: 'scriptId',
    label: 'script',
    kind: 'scripts',
    scope: ({ org }) => org.scripts,
    filter: (query) => byName(query),
    carried: ['name'],
    render: (org, script) => ({
      id: script.id,
      name: script.name,
      division: divisionRef(org, script.divisionId),
      versionId: script.versionId,
      createdDate: script.createdDate,
      modifiedDate: script.modifiedDate,
      publishedDate: script.publishedDate,
      selfUri: `${REFERENCE_PATHS.script}/${script.id}`,
    }),
  }),
  ...readOnlyRoutes<LibraryRecord>({
    path: REFERENCE_PATHS.library,
    idParam: 'libraryId',
    label: 'canned-response library',
    kind: 'libraries',
    scope: ({ org }) => org.libraries,
    filter: (query) => byName(query, 'libraryPrefix'),
    carried: ['libraryPrefix'],
    render: (_org, library) => ({
      id: library.id,
      name: library.name,
      version: library.version,
      dateCreated: library.dateCreated,
      selfUri: `${REFERENCE_PATHS.library}/${library.id}`,
    }),
  }),
  ...readOnlyRoutes<SmsPhoneNumberRecord>({
    path: REFERENCE_PATHS.smsPhoneNumber,
    idParam: 'addressId',
    label: 'SMS phone number',
    kind: 'smsPhoneNumbers',
    scope: ({ org }) => org.smsPhoneNumbers,
    filter: phoneNumberFilter,
    carried: ['phoneNumber'],
    render: (_org, number) => ({
      id: number.id,
      name: number.name,
      phoneNumber: number.phoneNumber,
      phoneNumberType: number.phoneNumberType,
      phoneNumberStatus: 'active',
      capabilities: ['sms'],
      countryCode: number.countryCode,
      dateCreated: number.dateCreated,
      version: number.version,
      selfUri: `${REFERENCE_PATHS.smsPhoneNumber}/${number.id}`,
    }),
  }),
  ...readOnlyRoutes<MessageRecipientRecord>({
    path: REFERENCE_PATHS.messageRecipient,
    idParam: 'recipientId',
    label: 'messaging recipient',
    kind: 'messageRecipients',
    scope: ({ org }) => org.messageRecipients,
    filter: (query) =>
      allOf(
        byName(query),
        anyOf(query, 'messengerType', (recipient) => recipient.messengerType),
      ),
    carried: ['name', 'messengerType'],
    render: (_org, recipient) => ({
      id: recipient.id,
      name: recipient.name,
      messengerType: recipient.messengerType,
      dateCreated: recipient.dateCreated,
      dateModified: recipient.dateModified,
      selfUri: `${REFERENCE_PATHS.messageRecipient}/${recipient.id}`,
    }),
  }),
];
