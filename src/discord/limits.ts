/** What Discord accepts in one message (characters unless named otherwise); a body over any of these is rejected. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  fields: 25,
  embedTotal: 6000,
  buttonsPerRow: 5,
  customId: 100,
  choiceName: 100,
  choices: 25,
} as const;
