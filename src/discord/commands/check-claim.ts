import { ApplicationCommandType, InteractionContextType, PermissionFlagsBits, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** Message context menu (right-click a message → Apps). Moderators only, servers only. */
export const checkClaimCommand = {
  type: ApplicationCommandType.Message,
  name: 'Check against article',
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  contexts: [InteractionContextType.Guild],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;
