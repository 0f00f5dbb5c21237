import type { ReferenceTargetType, UnmanagedReferenceTypeId } from './object-type-definition';
import { findObjectType } from './registry';

/**
 * Types Ferry does not snapshot or write but whose objects managed ones point at. They are looked
 * up in each org by name, never copied: the labels say what a person would call them.
 */
const UNMANAGED_LABELS: Readonly<Record<UnmanagedReferenceTypeId, string>> = {
  'routing.emaildomain': 'email domain',
  'routing.emailroute': 'email route',
  'directory.team': 'team',
  'scripts.script': 'script',
  'responsemanagement.library': 'canned-response library',
  'routing.smsphonenumber': 'SMS number',
  'routing.messagerecipient': 'messaging recipient',
  'telephony.site': 'site',
  'telephony.edgegroup': 'edge group',
};

/** `queue`, `flow`, `skill group`: what to call an object of any type a reference can point at. */
export function referenceTypeLabel(type: ReferenceTargetType | string): string {
  const managed = findObjectType(type);
  if (managed !== undefined) return managed.label.toLowerCase();
  return Object.hasOwn(UNMANAGED_LABELS, type) ? UNMANAGED_LABELS[type as UnmanagedReferenceTypeId] : type;
}
