import { AppError } from '../../../shared/errors';
import type { OutreachSettings } from '../../../shared/outreach/outreach-settings';
import type { MergeValues } from './template-render';

/** Merge fields whose value comes from Settings → Email, with the field to fill in there. */
const FROM_SETTINGS: Record<string, string> = {
  'company.name': 'Company',
  'sender.name': "the sender's name",
  'sender.role': "the sender's title",
  'sender.phone': "the sender's phone",
  'sender.email': 'From address',
};

const listed = (names: readonly string[]): string => names.map((name) => `{{${name}}}`).join(', ');

/** The fields a message needs (merged outside any section) that have no value in it: each would leave a hole. */
export function holesIn(needed: readonly string[], values: MergeValues): string[] {
  return needed.filter((name) => !values.fields[name] && !values.blocks[name]);
}

/** Why a message with holes is refused, naming each field and where its value comes from. */
export function holesReason(holes: readonly string[]): string {
  const fromSettings = holes.filter((name) => name in FROM_SETTINGS);
  const ownData = holes.filter((name) => !(name in FROM_SETTINGS));
  const parts = [
    ...(fromSettings.length > 0
      ? [
          `${listed(fromSettings)} ${fromSettings.length === 1 ? 'is' : 'are'} empty: fill in ${fromSettings.map((name) => FROM_SETTINGS[name]).join(', ')} in Settings → Email`,
        ]
      : []),
    ...(ownData.length > 0 ? [`${listed(ownData)} ${ownData.length === 1 ? 'has' : 'have'} no value for this customer`] : []),
  ];
  return `This message would have gaps: ${parts.join('; ')}.`;
}

/** Holes that every message would have (settings, not the customer's data): the whole send is refused. */
export function refuseSettingsHoles(holes: readonly string[]): void {
  const fromSettings = holes.filter((name) => name in FROM_SETTINGS);
  if (fromSettings.length > 0) throw new AppError('CONFLICT', holesReason(fromSettings), { missing: fromSettings });
}

/**
 * Messages are signed with the company and the collector's name: before the first send both must be
 * set, whatever the template (seen: "I look after customer accounts at ." and a subject ": invoice …").
 */
export function requireSignature(settings: OutreachSettings): void {
  const missing = [...(settings.companyName ? [] : ['company.name']), ...(settings.senderName ? [] : ['sender.name'])];
  if (missing.length > 0)
    throw new AppError(
      'CONFLICT',
      `Before the first send, fill in ${missing.map((name) => FROM_SETTINGS[name]).join(' and ')} in Settings → Email: every message is signed with them.`,
      { missing },
    );
}
