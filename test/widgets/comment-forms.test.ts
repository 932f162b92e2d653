import { sendMouse } from '@web/test-runner-commands';
import type { Comment } from '../../shared/api-types.ts';
import type { RucheComments } from '../../widgets/comments/comments.ts';
import { $, $$, api, assert, call, cleanup, equal, expectAccessible, expectAccessibleAfterEach, mount, token, uniqueSubject, waitFor } from './support/helpers.ts';

/**
 * The forms that open under a comment (edit, delete) in the width a 2008 page gives them: each keeps
 * to one row of buttons, and the publishing shortcut is said where it publishes, not in an edit.
 */
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** The widget as `as` sees it in a column `width` px wide, with the writing code loaded (the pointer came over it). */
async function comments(subject: string, as: string, width: number, lang = ''): Promise<RucheComments> {
  const container = mount(`<div style="width: ${width}px"><ruche-provider api="${api}" token="${await token(as)}"${lang}>
    <ruche-comments subject="${subject}"></ruche-comments></ruche-provider></div>`);
  const element = container.querySelector<RucheComments>('ruche-comments')!;
  await waitFor(() => element.page, 'the comments');
  await element.updateComplete;
  const box = $(element, '.threads')!.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + 5), Math.round(box.y + 5)] });
  await waitFor(() => element.writing, 'the writing code');
  await element.updateComplete;
  return element;
}

/** Whether `elements` sit side by side on one row (their vertical middles within a few pixels). */
function oneRow(elements: Element[]): boolean {
  const middles = elements.map((e) => {
    const box = e.getBoundingClientRect();
    return box.top + box.height / 2;
  });
  return Math.max(...middles) - Math.min(...middles) < 4;
}

async function open(element: RucheComments, id: string, label: string): Promise<void> {
  [...$(element, `#c-${id}`)!.querySelectorAll<HTMLButtonElement>('button.link')].find((b) => text(b) === label)!.click();
  await element.updateComplete;
}

describe('the forms under a comment', () => {
  afterEach(expectAccessibleAfterEach);
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  // A reply in the demo's article column (530 px), and a phone's width.
  for (const width of [530, 340]) {
    it(`keep their buttons on one row, ${width} px wide, and an edit has no « pour publier » shortcut`, async () => {
      const subject = uniqueSubject('forms');
      const question = await call<Comment>('POST', '/api/comments', { as: 'bob', body: { subject, body: 'Une question ?' } });
      const reply = await call<Comment>('POST', '/api/comments', { as: 'alice', body: { subject, parentId: question.id, body: 'Ma réponse, à corriger.' } });
      const element = await comments(subject, 'alice', width);

      await open(element, reply.id, 'Modifier');
      const edit = await waitFor(() => $(element, `form[data-key="edit:${reply.id}"]`), 'the edit form');
      // Wide enough, everything on one row; on a phone, the formatting help may go above, never a button alone.
      const bar = width > 480 ? [...edit.querySelectorAll('.bar > *')] : [...edit.querySelectorAll('.bar button')];
      assert(oneRow(bar), `one row: ${bar.map((e) => `${text(e)} @${Math.round(e.getBoundingClientRect().top)}`).join(', ')}`);
      equal(edit.querySelector('.hint'), null, 'no shortcut hint in an edit');
      equal(edit.querySelector('textarea')!.hasAttribute('aria-describedby'), false, 'nor described by one');
      await expectAccessible('the edit form');
      [...edit.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Annuler')!.click();
      await waitFor(() => !$(element, `form[data-key="edit:${reply.id}"]`), 'the edit form closed');

      await open(element, reply.id, 'Supprimer');
      const confirm = await waitFor(() => $(element, `.confirm[data-key="delete:${reply.id}"]`), 'the delete confirmation');
      equal(text(confirm.querySelector('span')), 'Supprimer ce commentaire ?');
      const row = [...confirm.querySelectorAll('span, button')];
      assert(oneRow(row), `the question and its buttons on one row: ${row.map((e) => `${text(e)} @${Math.round(e.getBoundingClientRect().top)}`).join(', ')}`);
      await expectAccessible('the delete confirmation');
    });
  }

  it('keeps the shortcut where a reply is published', async () => {
    const subject = uniqueSubject('forms');
    const first = await call<Comment>('POST', '/api/comments', { as: 'bob', body: { subject, body: 'À qui répondre.' } });
    const element = await comments(subject, 'alice', 640);
    await open(element, first.id, 'Répondre');
    const form = await waitFor(() => $(element, `form[data-key="reply:${first.id}"]`), 'the reply form');
    equal(text(form.querySelector('.hint')), 'Ctrl + Entrée pour publier');
    equal($$(element, 'form.composer.main .hint').length, 1, 'and the main composer');
  });
});
