/**
 * The names and shapes the demo orgs are built from: a fictional UK telecom contact centre.
 * Plain data, so the generator in seed-orgs.ts stays about structure, not vocabulary.
 */
export const DIVISIONS = [
  { name: 'Home', description: 'Default division', home: true },
  { name: 'Customer Service', description: 'Service, support and billing teams', home: false },
  { name: 'Sales & Retention', description: 'Sales, upgrades and retention teams', home: false },
] as const;
export type DivisionName = (typeof DIVISIONS)[number]['name'];

const SALES_SKILLS = ['New Customer Sales', 'Upgrades', 'Retention', 'Win-back', 'Business Sales'] as const;
const SERVICE_SKILLS = [
  'Billing',
  'Billing Disputes',
  'Payments',
  'Refunds',
  'Collections',
  'Broadband Support',
  'Mobile Support',
  'TV Support',
  'Network Outages',
  'Device Repairs',
  'Field Engineer Booking',
  'Installations',
  'Complaints',
  'Escalations',
  'Fraud Prevention',
  'Account Security',
  'Porting',
  'Roaming',
  'Orders',
  'Deliveries',
  'Returns',
  'Moving Home',
  'Bereavement',
  'Vulnerable Customers',
  'Accessibility',
] as const;
const HOME_SKILLS = [
  'Business Support',
  'Enterprise Support',
  'VIP Customers',
  'Chat Handling',
  'Email Handling',
  'Messaging Handling',
  'Callback Handling',
  'Social Media',
  'Welsh Language',
  'Team Leader',
] as const;

export const SKILLS: ReadonlyArray<{ name: string; division: DivisionName }> = [
  ...SERVICE_SKILLS.map((name) => ({ name, division: 'Customer Service' as const })),
  ...SALES_SKILLS.map((name) => ({ name, division: 'Sales & Retention' as const })),
  ...HOME_SKILLS.map((name) => ({ name, division: 'Home' as const })),
];

export const LANGUAGES = [
  'English',
  'Welsh',
  'Spanish',
  'French',
  'German',
  'Polish',
  'Portuguese',
  'Italian',
] as const;

export const COMMON_WRAPUP_CODES = [
  'Resolved - First Contact',
  'Transferred',
  'Customer Hung Up',
  'Information Provided',
] as const;
const VOICE_WRAPUP_CODES = ['Wrong Number', 'Silent Call', 'Voicemail Left'] as const;
const DIGITAL_WRAPUP_CODES = ['Duplicate Contact', 'No Response From Customer'] as const;

export const WRAPUP_CODES: ReadonlyArray<{ name: string; division: DivisionName; description?: string }> = [
  ...COMMON_WRAPUP_CODES.map((name) => ({ name, division: 'Home' as const })),
  ...VOICE_WRAPUP_CODES.map((name) => ({ name, division: 'Home' as const })),
  ...DIGITAL_WRAPUP_CODES.map((name) => ({ name, division: 'Home' as const })),
  { name: 'Resolved - Follow-up Required', division: 'Home', description: 'Agent owns a follow-up task' },
  { name: 'Escalated to Tier 2', division: 'Customer Service' },
  { name: 'Callback Scheduled', division: 'Home' },
  { name: 'Abusive Caller', division: 'Home', description: 'Report to team leader within 24 hours' },
  { name: 'Sale Completed', division: 'Sales & Retention' },
  { name: 'Sale Declined', division: 'Sales & Retention' },
  { name: 'Upgrade Completed', division: 'Sales & Retention' },
  { name: 'Retention Offer Accepted', division: 'Sales & Retention' },
  { name: 'Retention Offer Declined', division: 'Sales & Retention' },
  { name: 'Cancellation Processed', division: 'Sales & Retention' },
  { name: 'Complaint Logged', division: 'Customer Service' },
  { name: 'Complaint Resolved', division: 'Customer Service' },
  { name: 'Payment Taken', division: 'Customer Service' },
  { name: 'Payment Plan Agreed', division: 'Customer Service' },
  { name: 'Refund Issued', division: 'Customer Service' },
  { name: 'Billing Query Answered', division: 'Customer Service' },
  { name: 'Fault Logged', division: 'Customer Service' },
  { name: 'Engineer Booked', division: 'Customer Service' },
  { name: 'Technical Issue - Unresolved', division: 'Customer Service' },
  { name: 'Password Reset', division: 'Customer Service' },
  { name: 'Account Updated', division: 'Customer Service' },
  { name: 'Address Changed', division: 'Customer Service' },
  { name: 'Order Placed', division: 'Customer Service' },
  { name: 'Order Cancelled', division: 'Customer Service' },
  { name: 'Return Authorised', division: 'Customer Service' },
  { name: 'Delivery Query', division: 'Customer Service' },
  { name: 'Fraud Suspected', division: 'Customer Service', description: 'Hand over to the fraud team' },
  { name: 'Identity Not Verified', division: 'Customer Service' },
  { name: 'Porting Request', division: 'Customer Service' },
  { name: 'Roaming Enabled', division: 'Customer Service' },
  { name: 'Device Repair Booked', division: 'Customer Service' },
];

/** One department becomes four queues, one per channel. */
export interface Department {
  name: string;
  division: DivisionName;
  /** The first skill is the department's core skill; the rest are dropped first in the bullseye. */
  skills: readonly string[];
  wrapupCodes: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Billing',
    division: 'Customer Service',
    skills: ['Billing', 'Payments'],
    wrapupCodes: ['Billing Query Answered', 'Payment Taken', 'Payment Plan Agreed', 'Refund Issued'],
  },
  {
    name: 'Billing Disputes',
    division: 'Customer Service',
    skills: ['Billing Disputes', 'Refunds'],
    wrapupCodes: ['Refund Issued', 'Complaint Logged', 'Escalated to Tier 2'],
  },
  {
    name: 'Broadband Support',
    division: 'Customer Service',
    skills: ['Broadband Support', 'Network Outages', 'Field Engineer Booking'],
    wrapupCodes: ['Fault Logged', 'Engineer Booked', 'Technical Issue - Unresolved'],
  },
  {
    name: 'Mobile Support',
    division: 'Customer Service',
    skills: ['Mobile Support', 'Roaming'],
    wrapupCodes: ['Fault Logged', 'Roaming Enabled', 'Device Repair Booked', 'Porting Request'],
  },
  {
    name: 'TV Support',
    division: 'Customer Service',
    skills: ['TV Support', 'Installations'],
    wrapupCodes: ['Fault Logged', 'Engineer Booked'],
  },
  {
    name: 'New Customer Sales',
    division: 'Sales & Retention',
    skills: ['New Customer Sales', 'Business Sales'],
    wrapupCodes: ['Sale Completed', 'Sale Declined', 'Order Placed'],
  },
  {
    name: 'Upgrades',
    division: 'Sales & Retention',
    skills: ['Upgrades', 'New Customer Sales'],
    wrapupCodes: ['Upgrade Completed', 'Sale Declined'],
  },
  {
    name: 'Retention',
    division: 'Sales & Retention',
    skills: ['Retention', 'Win-back'],
    wrapupCodes: ['Retention Offer Accepted', 'Retention Offer Declined', 'Cancellation Processed'],
  },
  {
    name: 'Complaints',
    division: 'Customer Service',
    skills: ['Complaints', 'Escalations', 'Vulnerable Customers'],
    wrapupCodes: ['Complaint Logged', 'Complaint Resolved', 'Escalated to Tier 2'],
  },
  {
    name: 'Collections',
    division: 'Customer Service',
    skills: ['Collections', 'Payments', 'Vulnerable Customers'],
    wrapupCodes: ['Payment Taken', 'Payment Plan Agreed', 'Identity Not Verified'],
  },
  {
    name: 'Fraud',
    division: 'Customer Service',
    skills: ['Fraud Prevention', 'Account Security'],
    wrapupCodes: ['Fraud Suspected', 'Identity Not Verified', 'Password Reset'],
  },
  {
    name: 'Orders and Deliveries',
    division: 'Customer Service',
    skills: ['Orders', 'Deliveries'],
    wrapupCodes: ['Order Placed', 'Order Cancelled', 'Delivery Query'],
  },
  {
    name: 'Returns and Repairs',
    division: 'Customer Service',
    skills: ['Returns', 'Device Repairs'],
    wrapupCodes: ['Return Authorised', 'Device Repair Booked'],
  },
  {
    name: 'Business Support',
    division: 'Home',
    skills: ['Business Support', 'Enterprise Support', 'VIP Customers'],
    wrapupCodes: ['Account Updated', 'Fault Logged', 'Escalated to Tier 2'],
  },
  {
    name: 'Moving Home',
    division: 'Customer Service',
    skills: ['Moving Home', 'Installations'],
    wrapupCodes: ['Address Changed', 'Engineer Booked', 'Order Placed'],
  },
];

export const CHANNELS = ['Voice', 'Chat', 'Email', 'Messaging'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_SKILLS: Readonly<Record<Channel, string | null>> = {
  Voice: null,
  Chat: 'Chat Handling',
  Email: 'Email Handling',
  Messaging: 'Messaging Handling',
};

export interface ScheduleSeed {
  name: string;
  description?: string;
  start: string;
  end: string;
  rrule?: string;
}

const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

// 2024-01-01 was a Monday, so each weekly schedule's first window falls on its own weekday.
export const SCHEDULES: readonly ScheduleSeed[] = [
  {
    name: 'Weekday Opening Hours',
    start: '2024-01-01T08:00:00.000',
    end: '2024-01-01T20:00:00.000',
    rrule: WEEKDAYS,
  },
  {
    name: 'Saturday Opening Hours',
    start: '2024-01-06T09:00:00.000',
    end: '2024-01-06T17:00:00.000',
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
  },
  {
    name: 'Sunday Opening Hours',
    start: '2024-01-07T10:00:00.000',
    end: '2024-01-07T16:00:00.000',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
  },
  {
    name: 'Weekday Overnight Closure',
    description: 'Closed between the evening and morning shifts',
    start: '2024-01-01T20:00:00.000',
    end: '2024-01-02T08:00:00.000',
    rrule: WEEKDAYS,
  },
  {
    name: 'Sales Weekday Hours',
    start: '2024-01-01T09:00:00.000',
    end: '2024-01-01T21:00:00.000',
    rrule: WEEKDAYS,
  },
  {
    name: 'Sales Weekend Hours',
    start: '2024-01-06T10:00:00.000',
    end: '2024-01-06T18:00:00.000',
    rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
  },
  {
    name: 'Business Support Hours',
    start: '2024-01-01T08:00:00.000',
    end: '2024-01-01T18:00:00.000',
    rrule: WEEKDAYS,
  },
  {
    name: 'Christmas Day',
    start: '2024-12-25T00:00:00.000',
    end: '2024-12-25T23:59:59.000',
    rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
  },
  {
    name: 'Boxing Day',
    start: '2024-12-26T00:00:00.000',
    end: '2024-12-26T23:59:59.000',
    rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26',
  },
  {
    name: "New Year's Day",
    start: '2025-01-01T00:00:00.000',
    end: '2025-01-01T23:59:59.000',
    rrule: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1',
  },
  { name: 'Good Friday 2025', start: '2025-04-18T00:00:00.000', end: '2025-04-18T23:59:59.000' },
  { name: 'Easter Monday 2025', start: '2025-04-21T00:00:00.000', end: '2025-04-21T23:59:59.000' },
  { name: 'Early May Bank Holiday 2025', start: '2025-05-05T00:00:00.000', end: '2025-05-05T23:59:59.000' },
];

const BANK_HOLIDAYS = [
  'Christmas Day',
  'Boxing Day',
  "New Year's Day",
  'Good Friday 2025',
  'Easter Monday 2025',
  'Early May Bank Holiday 2025',
];

export interface ScheduleGroupSeed {
  name: string;
  division: DivisionName;
  timeZone: string;
  open: readonly string[];
  closed: readonly string[];
  holiday: readonly string[];
}

export const SCHEDULE_GROUPS: readonly ScheduleGroupSeed[] = [
  {
    name: 'Customer Service Hours',
    division: 'Customer Service',
    timeZone: 'Europe/London',
    open: ['Weekday Opening Hours', 'Saturday Opening Hours', 'Sunday Opening Hours'],
    closed: ['Weekday Overnight Closure'],
    holiday: BANK_HOLIDAYS,
  },
  {
    name: 'Sales Hours',
    division: 'Sales & Retention',
    timeZone: 'Europe/London',
    open: ['Sales Weekday Hours', 'Sales Weekend Hours'],
    closed: [],
    holiday: ['Christmas Day', 'Boxing Day', "New Year's Day"],
  },
  {
    name: 'Business Support Hours',
    division: 'Home',
    timeZone: 'Europe/London',
    open: ['Business Support Hours'],
    closed: [],
    holiday: BANK_HOLIDAYS,
  },
  {
    name: 'Ireland Support Hours',
    division: 'Customer Service',
    timeZone: 'Europe/Dublin',
    open: ['Weekday Opening Hours'],
    closed: ['Weekday Overnight Closure'],
    holiday: ['Christmas Day', 'Boxing Day', "New Year's Day"],
  },
];

export const STORE_DIRECTORY_ROWS: ReadonlyArray<readonly [string, string, string, boolean, number]> = [
  ['ABZ01', 'Aberdeen', '+44 1224 496000', false, 3],
  ['BEL01', 'Belfast', '+44 28 9649 6000', false, 2],
  ['BHM01', 'Birmingham', '+44 121 496 0000', true, 1],
  ['BRS01', 'Bristol', '+44 117 496 0000', true, 2],
  ['CAM01', 'Cambridge', '+44 1223 496000', false, 3],
  ['CDF01', 'Cardiff', '+44 29 2018 0000', true, 2],
  ['EDI01', 'Edinburgh', '+44 131 496 0000', true, 1],
  ['GLA01', 'Glasgow', '+44 141 496 0000', true, 1],
  ['LDN01', 'London Oxford Street', '+44 20 7946 0000', true, 1],
  ['LDN02', 'London Canary Wharf', '+44 20 7946 0001', false, 1],
  ['LDS01', 'Leeds', '+44 113 496 0000', true, 2],
  ['LEI01', 'Leicester', '+44 116 496 0000', false, 3],
  ['LIV01', 'Liverpool', '+44 151 496 0000', true, 2],
  ['MAN01', 'Manchester', '+44 161 496 0000', true, 1],
  ['NCL01', 'Newcastle', '+44 191 498 0000', false, 2],
  ['NOT01', 'Nottingham', '+44 115 496 0000', false, 3],
  ['OXF01', 'Oxford', '+44 1865 496000', false, 3],
  ['PLY01', 'Plymouth', '+44 1752 496000', false, 3],
  ['SHF01', 'Sheffield', '+44 114 496 0000', true, 2],
  ['SOU01', 'Southampton', '+44 23 8049 6000', false, 3],
  ['YRK01', 'York', '+44 1904 496000', false, 3],
];

export const IVR_FEATURE_FLAGS: ReadonlyArray<readonly [string, boolean, string]> = [
  ['callback-offer', true, 'Offer a callback after 120 s in queue'],
  ['estimated-wait-time', true, 'Announce the estimated wait'],
  ['outage-banner', false, 'Play the network outage message'],
  ['sms-deflection', false, 'Offer an SMS link instead of waiting'],
  ['welsh-menu', true, 'Offer the Welsh language menu'],
  ['voice-biometrics', false, 'Pilot; Fraud team only'],
];
