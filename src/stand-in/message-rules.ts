/**
 * Discord's documented limits on a message body (content, embeds, components, allowed_mentions), as the stand-in
 * enforces them. Pure: a body in, a list of `path: problem` strings out.
 */
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { field, isObject, items, textLength } from './wire.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Returns a list of `path: problem` strings; empty when the message body is acceptable. */
export function validateMessageBody(body: unknown): string[] {
  if (!isObject(body)) return ['body: must be an object'];
  const problems: string[] = [];
  if (typeof body.content === 'string' && body.content.length > LIMITS.content)
    problems.push(`content: Must be ${LIMITS.content} or fewer in length.`);
  problems.push(...embedProblems(items(body.embeds)));
  problems.push(...componentProblems(items(body.components)));
  const mentions = body.allowed_mentions;
  const parse = field(mentions, 'parse');
  if (Array.isArray(parse) && parse.length && (items(field(mentions, 'users')).length || items(field(mentions, 'roles')).length))
    problems.push('allowed_mentions: parse and users/roles are mutually exclusive');
  return problems;
}

function embedProblems(embeds: unknown[]): string[] {
  const problems: string[] = [];
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: Must be ${LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const title = textLength(field(embed, 'title'));
    const description = textLength(field(embed, 'description'));
    const footer = textLength(field(field(embed, 'footer'), 'text'));
    const author = textLength(field(field(embed, 'author'), 'name'));
    if (title > LIMITS.title) problems.push(`embeds.${i}.title: Must be ${LIMITS.title} or fewer in length.`);
    if (description > LIMITS.description)
      problems.push(`embeds.${i}.description: Must be ${LIMITS.description} or fewer in length.`);
    if (footer > LIMITS.footer) problems.push(`embeds.${i}.footer.text: too long`);
    if (author > LIMITS.author) problems.push(`embeds.${i}.author.name: too long`);
    const fields = items(field(embed, 'fields'));
    if (fields.length > LIMITS.fields) problems.push(`embeds.${i}.fields: Must be ${LIMITS.fields} or fewer in length.`);
    fields.forEach((f, j) => {
      const name = textLength(field(f, 'name'));
      const value = textLength(field(f, 'value'));
      if (!name || name > LIMITS.fieldName) problems.push(`embeds.${i}.fields.${j}.name: bad length`);
      if (!value || value > LIMITS.fieldValue) problems.push(`embeds.${i}.fields.${j}.value: bad length`);
      total += name + value;
    });
    total += title + description + footer + author;
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds: Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  return problems;
}

function componentProblems(rows: unknown[]): string[] {
  const problems: string[] = [];
  if (rows.length > LIMITS.actionRows) problems.push(`components: Must be ${LIMITS.actionRows} or fewer in length.`);
  rows.forEach((row, i) => {
    if (field(row, 'type') !== ComponentType.ActionRow) problems.push(`components.${i}.type: expected action row`);
    const components = items(field(row, 'components'));
    if (components.length < 1 || components.length > LIMITS.rowComponents)
      problems.push(`components.${i}.components: Must be between 1 and ${LIMITS.rowComponents} in length.`);
    const ids = new Set<unknown>();
    components.forEach((component, j) => {
      const at = `components.${i}.components.${j}`;
      const isButton = field(component, 'type') === ComponentType.Button;
      const style = field(component, 'style');
      // Link and premium buttons carry a url or a SKU instead of a custom_id.
      if (isButton && style !== ButtonStyle.Link && style !== ButtonStyle.Premium) {
        const customId = field(component, 'custom_id');
        if (typeof customId !== 'string' || customId.length < 1 || customId.length > LIMITS.customId)
          problems.push(`${at}.custom_id: Must be between 1 and ${LIMITS.customId} in length.`);
        if (ids.has(customId)) problems.push(`${at}.custom_id: duplicate`);
        ids.add(customId);
      }
      const label = field(component, 'label');
      if (typeof label === 'string' && label.length > LIMITS.buttonLabel)
        problems.push(`${at}.label: Must be ${LIMITS.buttonLabel} or fewer in length.`);
      if (isButton && !label && !field(component, 'emoji')) problems.push(`${at}: a button needs a label or an emoji`);
    });
  });
  return problems;
}
