/**
 * The buttons under an answer and their custom_id protocol, `fn:<action>:<key>`: built and parsed back only here.
 * The key names the stored answer (see state.ts), so a button keeps working after a restart.
 */
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { LIMITS } from './limits.js';

export const CUSTOM_ID_PREFIX = 'fn';
const ACTIONS = ['ctx', 'more', 'up', 'down'] as const;
export type ButtonAction = (typeof ACTIONS)[number];

const CUSTOM_ID = new RegExp(`^${CUSTOM_ID_PREFIX}:(${ACTIONS.join('|')}):([A-Za-z0-9_-]{1,64})$`);

export function customId(action: ButtonAction, key: string): string {
  const id = `${CUSTOM_ID_PREFIX}:${action}:${key}`;
  if (id.length > LIMITS.customId) throw new Error('custom_id too long');
  return id;
}

/** The action and answer key of one of our buttons; undefined for anything else (another bot's, an old format). */
export function parseCustomId(id: string): { action: ButtonAction; key: string } | undefined {
  const m = CUSTOM_ID.exec(id);
  return m ? { action: m[1] as ButtonAction, key: m[2]! } : undefined;
}

export function answerButtons(key: string): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons: APIButtonComponentWithCustomId[] = [
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Show context', custom_id: customId('ctx', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'More sources', custom_id: customId('more', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: customId('up', key) },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: customId('down', key) },
  ];
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return rows;
}
