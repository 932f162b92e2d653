import type { WritingMessages } from './writing.messages.ts';

export const en: WritingMessages = {
  replyTo: 'Reply to #',
  publishAnswer: 'Post the answer',
  save: 'Save',
  placeholderReply: 'Your reply…',
  confirmDelete: 'Delete this comment for good?',
  reportReason: 'Why report this comment to the stewards?',
  sendReport: 'Send the report',
  reported: 'Thank you: the space’s stewards will look at this comment.',
  posted: 'Your message is posted.',
  cancel: 'Cancel',
  shortcut: 'Ctrl + Enter to post',
  formatting: 'Formatting',
  formattingHelp: ['**bold**', '*italic*', '~~struck~~', '`code`', '> quote', '- list', '[text](https://…)'],
  reply: 'Reply',
  edit: 'Edit',
  delete: 'Delete',
  report: 'Report',
  accept: 'Accept this answer',
  unaccept: 'Withdraw acceptance',
};
