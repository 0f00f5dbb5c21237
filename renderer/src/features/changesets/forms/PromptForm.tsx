import { useId, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { errorMessage } from '../../../api/ferry-client';
import { FormField } from '../../environments/FormField';
import { AudioPlayer } from '../../audio/AudioPlayer';
import { attachAudio } from '../../audio/audio-attach';
import { describeAudio } from '../../audio/audio-format';
import { readAudio } from '../../audio/audio-read';
import { useChangesetEditor } from '../changeset-editor-store';
import { Section, TextInput } from './controls';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getString, setAt } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import {
  languageProblem,
  normalizeLanguage,
  pickedFileProblem,
  pickedFileSizeProblem,
  promptAudioSources,
  promptResources,
  resourceAudio,
  resourceLanguage,
  RESOURCES_PATH,
  withAudio,
  withResourceAdded,
  withResourceRemoved,
} from './prompt-form-model';

/** A user prompt: what callers hear, per language, as text-to-speech or an uploaded recording. */
export function PromptForm(props: ObjectFormProps) {
  const { value, onChange } = props;
  const changesetId = useChangesetEditor((state) => state.draft?.id ?? state.id);
  const target = useChangesetEditor((state) => state.target);
  const environments = useChangesetEditor((state) => state.environments);
  const sources = promptAudioSources(
    changesetId,
    target,
    environments.map((environment) => environment.config.name),
  );
  const resources = promptResources(value);
  return (
    <>
      <IdentityFields form={props} description />
      <Section title="Languages" testId={fieldTestId(RESOURCES_PATH)}>
        <p className="muted small">
          Callers hear the recording when there is one, else Genesys speaks the text-to-speech string.
        </p>
        {resources.length === 0 && <p className="muted small">No languages yet: add one below.</p>}
        <ul className="of-ring-list">
          {resources.map((resource, index) => (
            <PromptResource
              // The language is the resource's identity; two with one language are refused on save.
              key={`${resourceLanguage(resource)}#${index}`}
              value={value}
              index={index}
              resource={resource}
              onChange={onChange}
              changesetId={changesetId}
              sources={sources}
            />
          ))}
        </ul>
        <AddLanguage value={value} onChange={onChange} />
      </Section>
    </>
  );
}

function AddLanguage({ value, onChange }: { value: JsonObject; onChange(next: JsonObject): void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const language = normalizeLanguage(text);
    const found = languageProblem(language, value);
    setProblem(found);
    if (found !== null) return;
    onChange(withResourceAdded(value, language));
    setText('');
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds, as the button does, instead of submitting anything around the form.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  return (
    <div className="prompt-add-language">
      <FormField label="Add a language" field="prompt-new-language" error={problem ?? undefined}>
        <input
          value={text}
          placeholder="en-us"
          list="prompt-languages"
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem === null ? undefined : 'prompt-new-language-error'}
          data-testid="prompt-new-language"
          onChange={(event) => {
            setText(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKey}
        />
      </FormField>
      <datalist id="prompt-languages">
        {['en-us', 'en-gb', 'en-au', 'fr-ca', 'fr-fr', 'es-us', 'es-es', 'de-de', 'nl-nl', 'pt-br'].map(
          (language) => (
            <option key={language} value={language} />
          ),
        )}
      </datalist>
      <button type="button" onClick={add} data-testid="prompt-add-language">
        Add language
      </button>
    </div>
  );
}

interface PromptResourceProps {
  value: JsonObject;
  index: number;
  resource: JsonObject;
  onChange(next: JsonObject): void;
  changesetId: string | null;
  sources: ReturnType<typeof promptAudioSources>;
}

type AttachState =
  | { step: 'idle' }
  | { step: 'sending'; fileName: string }
  | { step: 'attached'; fileName: string }
  | { step: 'failed'; message: string };

function PromptResource({ value, index, resource, onChange, changesetId, sources }: PromptResourceProps) {
  const language = resourceLanguage(resource);
  const path = [...RESOURCES_PATH, index] as const;
  const audio = resourceAudio(resource);
  const headingId = useId();
  const fileId = useId();
  const [attach, setAttach] = useState<AttachState>({ step: 'idle' });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // The same file picked again after an error still fires a change.
    input.value = '';
    if (!file) return;
    if (changesetId === null) {
      setAttach({ step: 'failed', message: 'Save the changeset once before attaching audio to it.' });
      return;
    }
    const tooBig = pickedFileSizeProblem(file.name, file.size);
    if (tooBig !== null) {
      setAttach({ step: 'failed', message: tooBig });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const problem = pickedFileProblem(file.name, bytes);
    if (problem !== null) {
      setAttach({ step: 'failed', message: problem });
      return;
    }
    setAttach({ step: 'sending', fileName: file.name });
    try {
      const result = await attachAudio(changesetId, file.name, bytes);
      onChange(withAudio(value, index, result.descriptor));
      setAttach({ step: 'attached', fileName: file.name });
    } catch (error) {
      setAttach({ step: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <li className="of-ring prompt-resource" aria-labelledby={headingId} data-testid={fieldTestId(path)}>
      <div className="of-ring-head">
        <h4 id={headingId}>{language === '' ? `Language ${index + 1}` : language}</h4>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove language ${language}`}
          data-testid={`${fieldTestId(path)}-remove`}
          onClick={() => onChange(withResourceRemoved(value, index))}
        >
          Remove language
        </button>
      </div>
      <div className="form-grid">
        <FormField label={`Text-to-speech (${language})`} field={`resources[${index}].ttsString`}>
          <TextInput
            path={[...path, 'ttsString']}
            value={getString(value, [...path, 'ttsString'])}
            multiline
            onChange={(next) => onChange(setAt(value, [...path, 'ttsString'], next))}
          />
        </FormField>
        <FormField
          label={`Text (${language})`}
          field={`resources[${index}].text`}
          hint="What the recording says, for people reading the prompt."
        >
          <TextInput
            path={[...path, 'text']}
            value={getString(value, [...path, 'text'])}
            multiline
            onChange={(next) => onChange(setAt(value, [...path, 'text'], next))}
          />
        </FormField>
      </div>
      <div className="prompt-audio" data-testid={fieldTestId([...path, 'audio'])}>
        <span className="form-field-label">Recording</span>
        {audio === null ? (
          <p className="muted small" data-testid="prompt-no-audio">
            No recording: Genesys speaks the text-to-speech string.
          </p>
        ) : (
          <div className="prompt-audio-current">
            <AudioPlayer
              key={audio.sha256 ?? 'none'}
              label={`Recording (${language})`}
              facts={audio}
              testId="prompt-audio-player"
              load={audio.sha256 === null ? null : () => readAudio(sources, audio.sha256 as string)}
            />
            <button
              type="button"
              className="link-button"
              aria-label={`Remove audio of ${language}`}
              data-testid={`${fieldTestId([...path, 'audio'])}-remove`}
              onClick={() => {
                onChange(withAudio(value, index, null));
                setAttach({ step: 'idle' });
              }}
            >
              Remove audio
            </button>
          </div>
        )}
        <label className="prompt-audio-pick" htmlFor={fileId}>
          <span>
            {audio === null ? 'Upload a WAV file' : 'Replace with a WAV file'}
            {language === '' ? '' : ` for ${language}`}
          </span>
          <input
            id={fileId}
            type="file"
            accept=".wav,audio/wav,audio/x-wav,audio/wave"
            aria-describedby={attach.step === 'failed' ? `${fileId}-error` : undefined}
            data-testid={`${fieldTestId([...path, 'audio'])}-file`}
            disabled={attach.step === 'sending'}
            onChange={(event) => void onFile(event)}
          />
        </label>
        <span role="status" aria-live="polite">
          {attach.step === 'sending' && <span className="muted small">Attaching “{attach.fileName}”…</span>}
          {attach.step === 'attached' && audio !== null && (
            <span className="small" data-testid="prompt-audio-attached">
              Attached “{attach.fileName}”: {describeAudio(audio)}
            </span>
          )}
        </span>
        {attach.step === 'failed' && (
          <p className="field-error" id={`${fileId}-error`} role="alert" data-testid="prompt-audio-error">
            {attach.message}
          </p>
        )}
      </div>
    </li>
  );
}
