import type { FlowType, MessengerType, OrgKey, SkillGroupConditionRecord } from './org-state';
import type { DivisionName } from './seed-catalogue';

/**
 * The objects the demo orgs' queues point at (groups, flows, prompts, scripts, sites, …). The
 * names are the same in every org and the ids differ, as in real orgs, so a client that copies an
 * id from one org to another is caught. Plain data; seed-reference-objects.ts builds it.
 */
export const GROUPS = [
  { name: 'Customer Service Agents', description: 'Every agent in Customer Service' },
  { name: 'Billing Team Leads', description: 'Team leaders of the billing teams' },
  { name: 'Sales Agents', description: 'Every agent in Sales & Retention' },
  { name: 'Out of Hours Cover' },
] as const;

/** One condition term: a skill (or language) compared with a proficiency, as the API holds it. */
const skill = (
  routingSkill: string,
  comparator: string,
  proficiency: number,
  childConditions?: SkillGroupConditionRecord[],
) => ({
  routingSkill,
  comparator,
  proficiency,
  ...(childConditions === undefined ? {} : { childConditions }),
});
const language = (languageSkill: string, comparator: string, proficiency: number) => ({
  languageSkill,
  comparator,
  proficiency,
});
const all = (
  operation: 'And' | 'Or',
  routingSkillConditions: SkillGroupConditionRecord['routingSkillConditions'],
  languageSkillConditions: SkillGroupConditionRecord['languageSkillConditions'] = [],
): SkillGroupConditionRecord => ({ routingSkillConditions, languageSkillConditions, operation });

export interface SkillGroupSeed {
  name: string;
  division: DivisionName;
  description?: string;
  /** The conditions every org has, unless `drift` gives this org its own. */
  conditions: SkillGroupConditionRecord[];
  drift?: Partial<Record<OrgKey, SkillGroupConditionRecord[]>>;
}

/**
 * Skill expression groups over the seeded skills and languages. Drift: uat lowered the billing
 * bar to 3 while testing; prod added field engineer booking to broadband as a hot-fix.
 */
export const SKILL_GROUPS: readonly SkillGroupSeed[] = [
  {
    name: 'Billing Specialists',
    division: 'Customer Service',
    description: 'Billing skill 4 or more',
    conditions: [
      all('And', [skill('Billing', 'GreaterThanOrEqualTo', 4), skill('Payments', 'GreaterThan', 1)]),
    ],
    drift: {
      uat: [all('And', [skill('Billing', 'GreaterThanOrEqualTo', 3), skill('Payments', 'GreaterThan', 1)])],
    },
  },
  {
    name: 'Broadband Specialists',
    division: 'Customer Service',
    conditions: [
      all('Or', [
        skill('Broadband Support', 'GreaterThanOrEqualTo', 3),
        skill('Network Outages', 'GreaterThanOrEqualTo', 3),
      ]),
    ],
    drift: {
      prod: [
        all('Or', [
          skill('Broadband Support', 'GreaterThanOrEqualTo', 3),
          skill('Network Outages', 'GreaterThanOrEqualTo', 3),
          skill('Field Engineer Booking', 'GreaterThanOrEqualTo', 2),
        ]),
      ],
    },
  },
  {
    name: 'Welsh Speakers',
    division: 'Home',
    description: 'Welsh language at any proficiency',
    conditions: [all('And', [], [language('Welsh', 'GreaterThanOrEqualTo', 0)])],
  },
  {
    name: 'Retention Specialists',
    division: 'Sales & Retention',
    // Retention 3+, and either win-back 2+ or fluent English: a nested condition.
    conditions: [
      all('And', [
        skill('Retention', 'GreaterThanOrEqualTo', 3, [
          all(
            'Or',
            [skill('Win-back', 'GreaterThanOrEqualTo', 2)],
            [language('English', 'GreaterThanOrEqualTo', 4)],
          ),
        ]),
      ]),
    ],
  },
];

/** Dev's skill group for the video work: needs dev's own skill, which uat and prod lack. */
export const DEV_ONLY_SKILL_GROUP_CONDITIONS: SkillGroupConditionRecord[] = [
  all(
    'And',
    [skill('Video Support', 'GreaterThanOrEqualTo', 2), skill('Device Repairs', 'GreaterThanOrEqualTo', 1)],
    [language('English', 'GreaterThanOrEqualTo', 3)],
  ),
];

export const TEAMS: ReadonlyArray<{ name: string; division: DivisionName; description?: string }> = [
  { name: 'Billing Team A', division: 'Customer Service' },
  { name: 'Billing Team B', division: 'Customer Service', description: 'Overflow for billing peaks' },
  { name: 'Broadband Team', division: 'Customer Service' },
  { name: 'Retention Team', division: 'Sales & Retention' },
];

export const SCRIPTS: ReadonlyArray<{ name: string; division: DivisionName }> = [
  { name: 'Billing Call Script', division: 'Customer Service' },
  { name: 'Billing Email Script', division: 'Customer Service' },
  { name: 'Sales Call Script', division: 'Sales & Retention' },
  { name: 'Default Inbound Script', division: 'Home' },
];

export interface FlowSeed {
  name: string;
  type: FlowType;
  division: DivisionName;
  description?: string;
  /** Queues and data tables the flow's published version uses (by name). */
  queues?: readonly string[];
  datatables?: readonly string[];
}

/**
 * "Billing" exists twice, as an inbound call flow and as an in-queue call flow: Genesys keeps flow
 * names unique per type only, so a client must look a flow up by name and type.
 */
export const FLOWS: readonly FlowSeed[] = [
  {
    name: 'Billing',
    type: 'INBOUNDCALL',
    division: 'Customer Service',
    description: 'Billing IVR: store lookup, then the billing queue',
    queues: ['Billing - Voice'],
    datatables: ['Store Directory'],
  },
  {
    name: 'Main IVR',
    type: 'INBOUNDCALL',
    division: 'Home',
    queues: ['Broadband Support - Voice', 'Mobile Support - Voice'],
    datatables: ['IVR Feature Flags'],
  },
  { name: 'Billing', type: 'INQUEUECALL', division: 'Customer Service', description: 'Billing hold loop' },
  { name: 'Standard In-Queue', type: 'INQUEUECALL', division: 'Home' },
  { name: 'Email In-Queue', type: 'INQUEUEEMAIL', division: 'Home' },
  { name: 'Messaging In-Queue', type: 'INQUEUESHORTMESSAGE', division: 'Home' },
  { name: 'Callback Live Voice', type: 'OUTBOUNDCALL', division: 'Customer Service' },
  { name: 'Callback Answering Machine', type: 'OUTBOUNDCALL', division: 'Customer Service' },
];

export const PROMPTS = [
  { name: 'BillingWhisper', description: 'Billing call: check the account is verified' },
  { name: 'HoldMusicAcme', description: 'Acme hold music' },
  { name: 'WelcomeMessage' },
] as const;

export const SITES = [
  { name: 'London Site', description: 'Primary site' },
  { name: 'Manchester Site', description: 'Secondary site' },
] as const;

export const EDGE_GROUPS = [{ name: 'London Edge Group' }, { name: 'Manchester Edge Group' }] as const;

/** The custom domain every org shares the name of. */
export const SHARED_EMAIL_DOMAIN = 'support.contoso.com';

/** The Genesys-hosted sub-domain, which differs per org. */
export function orgEmailDomain(org: string): string {
  return `${org}.contoso.mypurecloud.com`;
}

export const EMAIL_ROUTES: ReadonlyArray<{ pattern: string; fromName: string; priority: number }> = [
  { pattern: 'billing', fromName: 'Acme Billing', priority: 5 },
  { pattern: 'support', fromName: 'Acme Support', priority: 5 },
];

export const LIBRARIES = ['Billing Responses', 'General Responses', 'Sales Responses'] as const;

/** Same names in every org; the numbers themselves differ (see seed-reference-objects.ts). */
export const SMS_PHONE_NUMBERS = [
  { name: 'Acme Billing SMS', phoneNumberType: 'mobile' },
  { name: 'Acme Support SMS', phoneNumberType: 'mobile' },
] as const;

export const MESSAGE_RECIPIENTS: ReadonlyArray<{ name: string; messengerType: MessengerType }> = [
  { name: 'Acme Web Messenger', messengerType: 'open' },
  { name: 'Acme WhatsApp', messengerType: 'whatsapp' },
];

/**
 * Objects only dev has (new work whose flows and groups were never built in uat or prod), so a
 * client can be shown a reference with no counterpart in the target. No seeded queue uses them,
 * so the seeded drift between the orgs' queues is unchanged.
 */
export const DEV_ONLY_REFERENCE_OBJECTS = {
  group: 'Video Support Agents',
  skillGroup: { name: 'Video Specialists', division: 'Customer Service' },
  team: { name: 'Video Team', division: 'Customer Service' },
  script: { name: 'Video Call Script', division: 'Customer Service' },
  flow: { name: 'Video In-Queue', type: 'INQUEUECALL', division: 'Customer Service' },
  prompt: 'VideoWhisper',
} as const satisfies {
  group: string;
  skillGroup: { name: string; division: DivisionName };
  team: { name: string; division: DivisionName };
  script: { name: string; division: DivisionName };
  flow: { name: string; type: FlowType; division: DivisionName };
  prompt: string;
};
