import type { OrgKey, PromptRecord, PromptResourceRecord } from './org-state';
import { synthesizePromptWav } from './prompt-audio-synth';
import { createSeededRandom, seedFromText } from './seeded-random';

const PROMPT_EPOCH = new Date(Date.UTC(2024, 2, 4, 9, 0, 0)).toISOString();

interface SeedResource {
  language: string;
  ttsString?: string;
  text?: string;
  /** The phrase the audio is made from, per org when it differs; none for a TTS-only resource. */
  audio?: string | (Partial<Record<OrgKey, string>> & { default: string });
}

/**
 * What each seeded prompt says, per language. Hold music is re-recorded in dev and uat but prod
 * still plays the old take (audio that differs between dev and prod); the welcome message is
 * text-to-speech only. Prompts queues already point at keep their names.
 */
const PROMPT_CONTENT: Readonly<Record<string, readonly SeedResource[]>> = {
  BillingWhisper: [
    {
      language: 'en-us',
      ttsString: 'Billing call. Check the account is verified.',
      text: 'Billing call. Check the account is verified.',
      audio: 'Billing call, check the account is verified',
    },
    {
      language: 'es-us',
      ttsString: 'Llamada de facturación. Verifique la cuenta.',
      text: 'Llamada de facturación. Verifique la cuenta.',
      audio: 'Llamada de facturacion, verifique la cuenta',
    },
  ],
  HoldMusicAcme: [
    {
      language: 'en-us',
      text: 'Acme hold music',
      audio: { default: 'Acme hold music, spring recording', prod: 'Acme hold music, first recording' },
    },
  ],
  WelcomeMessage: [
    { language: 'en-us', ttsString: 'Welcome to Acme. Your call is important to us.' },
    { language: 'es-us', ttsString: 'Bienvenido a Acme. Su llamada es importante para nosotros.' },
  ],
  ClosedGreeting: [
    {
      language: 'en-us',
      ttsString: 'Thank you for calling Acme. We are closed. Please call back between 8 and 6.',
      text: 'We are closed.',
      audio: 'Thank you for calling Acme, we are closed',
    },
    {
      language: 'es-us',
      ttsString: 'Gracias por llamar a Acme. Estamos cerrados.',
      text: 'Estamos cerrados.',
      audio: 'Gracias por llamar a Acme, estamos cerrados',
    },
  ],
  VideoWhisper: [
    {
      language: 'en-us',
      ttsString: 'Video support call.',
      audio: 'Video support call',
    },
  ],
};

/** Prompts only this catalogue adds (the reference catalogue has the ones queues name). */
const EXTRA_PROMPTS: readonly { name: string; description: string }[] = [
  { name: 'ClosedGreeting', description: 'Played outside opening hours' },
];

/**
 * Adds the extra prompts and every prompt's resources (with their audio) to an org's prompts.
 * Ids come from a generator of their own, so every other seeded id stays what it was.
 */
export function seedPromptResources(org: OrgKey, prompts: Record<string, PromptRecord>): void {
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:prompt-ids:${org}`));
  for (const extra of EXTRA_PROMPTS) {
    const id = ids.uuid();
    prompts[id] = { id, name: extra.name, description: extra.description };
  }
  for (const prompt of Object.values(prompts)) {
    const content = PROMPT_CONTENT[prompt.name] ?? [];
    prompt.resources = content.map((seed): PromptResourceRecord => {
      const phrase = typeof seed.audio === 'object' ? (seed.audio[org] ?? seed.audio.default) : seed.audio;
      const bytes = phrase === undefined ? null : synthesizePromptWav(phrase);
      return {
        id: ids.uuid(),
        language: seed.language,
        ...(seed.ttsString === undefined ? {} : { ttsString: seed.ttsString }),
        ...(seed.text === undefined ? {} : { text: seed.text }),
        languageDefault: seed.language === 'en-us',
        tags: {},
        ...(bytes === null
          ? { uploadStatus: 'created' as const }
          : {
              uploadStatus: 'transcoded' as const,
              audio: Buffer.from(bytes).toString('base64'),
              audioVersion: 1,
              durationSeconds: 0.5,
            }),
        dateCreated: PROMPT_EPOCH,
        dateModified: PROMPT_EPOCH,
      };
    });
  }
}
