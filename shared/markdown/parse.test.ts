import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMarkdown, plainText } from './parse.ts';
import { SAFE_HREF, type Block, type Inline, type MarkdownTree } from './tree.ts';

/** The inline content of a text that parses to a single paragraph. */
function inline(text: string): Inline[] {
  const tree = parseMarkdown(text);
  assert.equal(tree.length, 1, `one block for ${JSON.stringify(text)}`);
  const [block] = tree;
  assert.equal(block!.t, 'p');
  return (block as Extract<Block, { t: 'p' }>).c;
}

const link = (href: string, ...c: Inline[]): Inline => ({ t: 'link', href, c });
const br: Inline = { t: 'br' };

/** Every node of a tree, blocks and inlines, depth first. */
function* nodes(tree: MarkdownTree | Inline[]): Generator<Block | Inline> {
  for (const node of tree) {
    yield node;
    if (typeof node === 'string') continue;
    if ('c' in node) yield* nodes(node.c);
    if ('items' in node) for (const item of node.items) yield* nodes(item);
  }
}

const links = (tree: MarkdownTree) => [...nodes(tree)].filter((n): n is Extract<Inline, { t: 'link' }> => typeof n !== 'string' && n.t === 'link');

function depth(tree: MarkdownTree | Inline[]): number {
  let deepest = 0;
  for (const node of tree) {
    if (typeof node === 'string') continue;
    if ('c' in node) deepest = Math.max(deepest, 1 + depth(node.c));
    else if ('items' in node) deepest = Math.max(deepest, 1 + Math.max(0, ...node.items.map(depth)));
    else deepest = Math.max(deepest, 1);
  }
  return deepest;
}

describe('paragraphs and line breaks', () => {
  test('blank lines separate paragraphs; a single newline is a line break', () => {
    assert.deepEqual(parseMarkdown('Bonjour\nà tous\n\n\nSecond paragraphe'), [
      { t: 'p', c: ['Bonjour', br, 'à tous'] },
      { t: 'p', c: ['Second paragraphe'] },
    ]);
  });

  test('Windows and old Mac line endings read like \\n', () => {
    assert.deepEqual(parseMarkdown('a\r\nb\r\rc'), parseMarkdown('a\nb\n\nc'));
  });

  test('spaces around lines are dropped and indentation means nothing (no indented code)', () => {
    assert.deepEqual(parseMarkdown('   un  \n        deux   '), [{ t: 'p', c: ['un', br, 'deux'] }]);
  });

  test('empty or blank text is an empty tree', () => {
    assert.deepEqual(parseMarkdown(''), []);
    assert.deepEqual(parseMarkdown(' \n\t\n  '), []);
  });

  test('headings, tables and separators are not part of the subset and stay as typed', () => {
    assert.deepEqual(inline('# Titre'), ['# Titre']);
    assert.deepEqual(inline('| a | b |'), ['| a | b |']);
    assert.deepEqual(parseMarkdown('avant\n\n* * *\n\n- - -\n\n***'), [
      { t: 'p', c: ['avant'] },
      { t: 'p', c: ['* * *'] },
      { t: 'p', c: ['- - -'] },
      { t: 'p', c: ['***'] },
    ]);
  });

  test('the tree is plain JSON data: it survives the wire unchanged', () => {
    const tree = parseMarkdown('*a* **b** ~~c~~ `d` [e](https://e.fr)\n\n- f\n\n3. g\n\n> h\n\n```\ni\n```');
    assert.deepEqual(JSON.parse(JSON.stringify(tree)), tree);
  });
});

describe('emphasis, strong and strikethrough', () => {
  test('* and _ for emphasis, ** and __ for strong, ~~ for strikethrough', () => {
    assert.deepEqual(inline('*a* _b_ **c** __d__ ~~e~~'), [
      { t: 'em', c: ['a'] }, ' ',
      { t: 'em', c: ['b'] }, ' ',
      { t: 'strong', c: ['c'] }, ' ',
      { t: 'strong', c: ['d'] }, ' ',
      { t: 'del', c: ['e'] },
    ]);
  });

  test('styles nest', () => {
    assert.deepEqual(inline('**gras et *italique* puis ~~barré~~**'), [
      { t: 'strong', c: ['gras et ', { t: 'em', c: ['italique'] }, ' puis ', { t: 'del', c: ['barré'] }] },
    ]);
    assert.deepEqual(inline('***les deux***'), [{ t: 'em', c: [{ t: 'strong', c: ['les deux'] }] }]);
    assert.deepEqual(inline('*a **b** c*'), [{ t: 'em', c: ['a ', { t: 'strong', c: ['b'] }, ' c'] }]);
  });

  test('* styles inside a word, _ does not (snake_case_names stay whole)', () => {
    assert.deepEqual(inline('un**deux**trois'), ['un', { t: 'strong', c: ['deux'] }, 'trois']);
    assert.deepEqual(inline('snake_case_name et __init__'), ['snake_case_name et ', { t: 'strong', c: ['init'] }]);
  });

  test('delimiters that cannot open or close stay as text', () => {
    assert.deepEqual(inline('2 * 3 * 4'), ['2 * 3 * 4']);
    assert.deepEqual(inline('*pas fermé'), ['*pas fermé']);
    assert.deepEqual(inline('fermé*'), ['fermé*']);
    assert.deepEqual(inline('** pas gras **'), ['** pas gras **']);
    assert.deepEqual(inline('*a **b*'), ['*a *', { t: 'em', c: ['b'] }]);
  });

  test('unbalanced runs pair as in CommonMark', () => {
    assert.deepEqual(inline('**a*'), ['*', { t: 'em', c: ['a'] }]);
    assert.deepEqual(inline('*a**'), [{ t: 'em', c: ['a'] }, '*']);
    assert.deepEqual(inline('*a**b*'), [{ t: 'em', c: ['a**b'] }]); // the "rule of 3"
  });

  test('only a double tilde strikes through: a lone ~ means "about"', () => {
    assert.deepEqual(inline('~30 personnes, ~~40~~ 35'), ['~30 personnes, ', { t: 'del', c: ['40'] }, ' 35']);
    assert.deepEqual(inline('~~~trois~~~'), ['~~~trois~~~']);
  });
});

describe('code', () => {
  test('inline code is verbatim: no markup, no escapes inside', () => {
    assert.deepEqual(inline('lancer `npm run *build*` puis `a\\b`'), [
      'lancer ', { t: 'code', v: 'npm run *build*' }, ' puis ', { t: 'code', v: 'a\\b' },
    ]);
  });

  test('longer backtick runs let code contain backticks; one padding space each side is dropped', () => {
    assert.deepEqual(inline('``un ` dans le code``'), [{ t: 'code', v: 'un ` dans le code' }]);
    assert.deepEqual(inline('`` `a` ``'), [{ t: 'code', v: '`a`' }]);
  });

  test('an unmatched backtick is text, and code spans across lines read newlines as spaces', () => {
    assert.deepEqual(inline('un ` seul'), ['un ` seul']);
    assert.deepEqual(inline('`a\nb`'), [{ t: 'code', v: 'a b' }]);
  });

  test('code binds tighter than links and emphasis', () => {
    assert.deepEqual(inline('*a `*` b*'), [{ t: 'em', c: ['a ', { t: 'code', v: '*' }, ' b'] }]);
    assert.deepEqual(inline('[a `]` b](https://x.fr)'), [link('https://x.fr', 'a ', { t: 'code', v: ']' }, ' b')]);
  });

  test('fenced code blocks keep their text exactly, info string dropped', () => {
    assert.deepEqual(parseMarkdown('avant\n```js\nconst a = *b*;\n\n  <script>x</script>\n```\naprès'), [
      { t: 'p', c: ['avant'] },
      { t: 'pre', v: 'const a = *b*;\n\n  <script>x</script>' },
      { t: 'p', c: ['après'] },
    ]);
  });

  test('a fence closes only with at least as many backticks; an unclosed fence runs to the end', () => {
    assert.deepEqual(parseMarkdown('````\n```\nencore\n````\nfin'), [{ t: 'pre', v: '```\nencore' }, { t: 'p', c: ['fin'] }]);
    assert.deepEqual(parseMarkdown('```\njamais fermé\n\n- pas une liste'), [{ t: 'pre', v: 'jamais fermé\n\n- pas une liste' }]);
  });

  test('an indented fence takes its indentation off the code', () => {
    assert.deepEqual(parseMarkdown('  ```\n    a\n  b\n  ```'), [{ t: 'pre', v: '  a\nb' }]);
  });
});

describe('lists', () => {
  test('- and * make bullet lists; a following line continues the item with a line break', () => {
    assert.deepEqual(parseMarkdown('- un\n* deux\n  suite\n- **trois**'), [
      { t: 'ul', items: [['un'], ['deux', br, 'suite'], [{ t: 'strong', c: ['trois'] }]] },
    ]);
  });

  test('numbered lists keep their first number when it is not 1; 1) works like 1.', () => {
    assert.deepEqual(parseMarkdown('1. un\n2. deux'), [{ t: 'ol', items: [['un'], ['deux']] }]);
    assert.deepEqual(parseMarkdown('3) trois\n4) quatre'), [{ t: 'ol', start: 3, items: [['trois'], ['quatre']] }]);
  });

  test('blank lines between items keep the list; a paragraph after them ends it', () => {
    assert.deepEqual(parseMarkdown('- a\n\n- b\n\nfin'), [{ t: 'ul', items: [['a'], ['b']] }, { t: 'p', c: ['fin'] }]);
  });

  test('a list interrupts a paragraph, but a number other than 1 does not', () => {
    assert.deepEqual(parseMarkdown('Les points :\n- un\n- deux'), [
      { t: 'p', c: ['Les points :'] },
      { t: 'ul', items: [['un'], ['deux']] },
    ]);
    assert.deepEqual(parseMarkdown('Étapes :\n1. a'), [{ t: 'p', c: ['Étapes :'] }, { t: 'ol', items: [['a']] }]);
    assert.deepEqual(inline('Arrivé en\n2024. Puis parti.'), ['Arrivé en', br, '2024. Puis parti.']);
  });

  test('lists are flat: indented items join the list, a change of kind starts a new list', () => {
    assert.deepEqual(parseMarkdown('- a\n    - b\n1. c'), [
      { t: 'ul', items: [['a'], ['b']] },
      { t: 'ol', items: [['c']] },
    ]);
  });

  test('a marker needs a space and some text after it', () => {
    assert.deepEqual(inline('-pas une liste\n*ni ça*\n1.5 non plus'), [
      '-pas une liste', br, { t: 'em', c: ['ni ça'] }, br, '1.5 non plus',
    ]);
    assert.deepEqual(inline('-'), ['-']);
  });
});

describe('quotes', () => {
  test('> lines make a quote holding blocks', () => {
    assert.deepEqual(parseMarkdown('> Il a dit :\n> - oui\n> - non\n\nRéponse'), [
      { t: 'quote', c: [{ t: 'p', c: ['Il a dit :'] }, { t: 'ul', items: [['oui'], ['non']] }] },
      { t: 'p', c: ['Réponse'] },
    ]);
  });

  test('quotes nest, a line without > ends the quote', () => {
    assert.deepEqual(parseMarkdown('> a\n>> b\nc'), [
      { t: 'quote', c: [{ t: 'p', c: ['a'] }, { t: 'quote', c: [{ t: 'p', c: ['b'] }] }] },
      { t: 'p', c: ['c'] },
    ]);
  });

  test('a quote interrupts a paragraph; > inside a line is text', () => {
    assert.deepEqual(parseMarkdown('Voici :\n> cité'), [{ t: 'p', c: ['Voici :'] }, { t: 'quote', c: [{ t: 'p', c: ['cité'] }] }]);
    assert.deepEqual(inline('5 > 3'), ['5 > 3']);
  });

  test('nesting stops at four quotes; deeper markers are text', () => {
    const tree = parseMarkdown('>>>>>> profond');
    let level = 0;
    let blocks: Block[] = tree;
    while (blocks[0]?.t === 'quote') {
      level++;
      blocks = blocks[0].c;
    }
    assert.equal(level, 4);
    assert.deepEqual(blocks, [{ t: 'p', c: ['>> profond'] }]);
  });
});

describe('links', () => {
  test('[label](url) with http, https or mailto', () => {
    assert.deepEqual(inline('[le site](https://exemple.fr/a?b=1#c), [ici](http://intranet.local) ou [écrire](mailto:rh@exemple.fr)'), [
      link('https://exemple.fr/a?b=1#c', 'le site'), ', ',
      link('http://intranet.local', 'ici'), ' ou ',
      link('mailto:rh@exemple.fr', 'écrire'),
    ]);
  });

  test('the label may hold styles and code; the scheme check ignores case', () => {
    assert.deepEqual(inline('[**gras** `code`](HTTPS://X.FR)'), [link('HTTPS://X.FR', { t: 'strong', c: ['gras'] }, ' ', { t: 'code', v: 'code' })]);
  });

  test('spaces around the target are trimmed; one level of parentheses is allowed inside it', () => {
    assert.deepEqual(inline('[a](  https://x.fr  )'), [link('https://x.fr', 'a')]);
    assert.deepEqual(inline('[Paris](https://fr.wikipedia.org/wiki/Paris_(France))'), [link('https://fr.wikipedia.org/wiki/Paris_(France)', 'Paris')]);
  });

  test('an empty label shows the url', () => {
    assert.deepEqual(inline('[](https://x.fr)'), [link('https://x.fr', 'https://x.fr')]);
  });

  test('relative and scheme-less targets are not links: they stay as written', () => {
    for (const text of ['[doc](/wiki/page)', '[doc](page.html)', '[doc](//evil.example)', '[doc](#ancre)', '[doc](www.exemple.fr)', '[doc]()']) {
      assert.deepEqual(inline(text), [text]);
    }
  });

  test('a target with whitespace inside, or a title, is not a link', () => {
    assert.deepEqual(links(parseMarkdown('[a](https://x.fr/un deux)')).map((l) => l.href), ['https://x.fr/un']); // only the bare URL
    assert.deepEqual(links(parseMarkdown('[a](https://x.fr "titre")')).map((l) => l.href), ['https://x.fr']); // the bare URL still links
    assert.equal(plainText(parseMarkdown('[a](https://x.fr "titre")')), '[a](https://x.fr "titre")');
  });

  test('no link inside a link', () => {
    assert.deepEqual(inline('[[a](https://a.fr)](https://b.fr)'), ['[', link('https://a.fr', 'a'), '](', link('https://b.fr', 'https://b.fr'), ')']);
    assert.deepEqual(inline('[voir https://a.fr](https://b.fr)'), [link('https://b.fr', 'voir https://a.fr')]);
    assert.deepEqual(inline('[https://a.fr](https://a.fr)'), [link('https://a.fr', 'https://a.fr')]);
  });

  test('brackets that are not links are text', () => {
    assert.deepEqual(inline('[note] et [a] (b) et ]['), ['[note] et [a] (b) et ][']);
  });

  test('styles do not cross a link boundary', () => {
    assert.deepEqual(inline('*[a*](https://x.fr)'), ['*', link('https://x.fr', 'a*')]);
    assert.deepEqual(inline('*[a](https://x.fr)*'), [{ t: 'em', c: [link('https://x.fr', 'a')] }]);
  });

  test('bare http(s) URLs become links, without the punctuation that ends the sentence', () => {
    assert.deepEqual(inline('Voir https://exemple.fr/a_b_c.'), ['Voir ', link('https://exemple.fr/a_b_c', 'https://exemple.fr/a_b_c'), '.']);
    assert.deepEqual(inline('(cf. https://fr.wikipedia.org/wiki/Paris_(France)).'), [
      '(cf. ', link('https://fr.wikipedia.org/wiki/Paris_(France)', 'https://fr.wikipedia.org/wiki/Paris_(France)'), ').',
    ]);
    assert.deepEqual(inline('**http://a.fr/x**'), [{ t: 'strong', c: [link('http://a.fr/x', 'http://a.fr/x')] }]);
    assert.deepEqual(inline('<https://a.fr>'), ['<', link('https://a.fr', 'https://a.fr'), '>']);
  });

  test('a bare URL needs a host and a word boundary; other schemes never autolink', () => {
    assert.deepEqual(inline('https:// et xhttps://a.fr et www.a.fr et ftp://a.fr'), ['https:// et xhttps://a.fr et www.a.fr et ftp://a.fr']);
  });
});

describe('hostile input', () => {
  const payloads = [
    '[clic](javascript:alert(1))',
    '[clic](JaVaScRiPt:alert(1))',
    '[clic]( javascript:alert(1) )',
    '[clic](java\tscript:alert(1))',
    '[clic](java\nscript:alert(1))',
    '[clic](\u0001javascript:alert(1))',
    '[clic](java\u200Bscript:alert(1))',
    '[clic](&#106;avascript:alert(1))',
    '[clic](&#x6A;avascript&#x3A;alert(1))',
    '[clic](javascript&colon;alert(1))',
    '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[clic](vbscript:msgbox(1))',
    '[clic](file:///etc/passwd)',
    '[clic](<javascript:alert(1)>)',
    '[clic](https:javascript:alert(1))',
    '[clic](\\javascript:alert(1))',
    '[![img](x)](javascript:alert(1))',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '<a href="javascript:alert(1)">clic</a>',
    '<a href=javascript:alert(1)>clic</a>',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<svg onload=alert(1)>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '[a](https://x.fr)<script>alert(1)</script>',
  ];

  for (const payload of payloads) {
    test(`${JSON.stringify(payload)} makes no unsafe link and keeps its text`, () => {
      const tree = parseMarkdown(payload);
      for (const { href } of links(tree)) {
        assert.match(href, /^(?:https?:\/\/|mailto:)/i);
        assert.match(href, SAFE_HREF);
      }
      assert.ok(!links(tree).some((l) => /script|data:|file:/i.test(l.href)), 'no href carries the payload');
      // Nothing is dropped or decoded: what was written is what is shown (line breaks aside).
      if (links(tree).length === 0) assert.equal(plainText(tree).replace(/\n/g, ''), payload.replace(/\n/g, ''));
    });
  }

  test('raw HTML is kept as literal text in text nodes', () => {
    assert.deepEqual(inline('<script>alert("x")</script>'), ['<script>alert("x")</script>']);
    assert.deepEqual(inline('<img src=x onerror=alert(1)>'), ['<img src=x onerror=alert(1)>']);
    assert.deepEqual(parseMarkdown('<div>\n\n<b>gras</b>\n\n</div>'), [
      { t: 'p', c: ['<div>'] },
      { t: 'p', c: ['<b>gras</b>'] },
      { t: 'p', c: ['</div>'] },
    ]);
  });

  test('entities are not decoded', () => {
    assert.deepEqual(inline('&amp; &lt;b&gt; &#42;pas em&#42;'), ['&amp; &lt;b&gt; &#42;pas em&#42;']);
  });

  test('a quote in a link target cannot break out of the attribute: it is just part of the href', () => {
    const [only] = links(parseMarkdown('[a](https://x.fr/"onmouseover="alert(1))'));
    assert.equal(only?.href, 'https://x.fr/"onmouseover="alert(1)');
  });

  test('NUL characters are replaced', () => {
    assert.deepEqual(inline('a\0b'), ['a\uFFFDb']);
  });
});

describe('backslash escapes', () => {
  test('a backslash makes markup characters literal', () => {
    assert.deepEqual(inline('\\*pas em\\* \\_non\\_ \\~~non~~ \\`pas code\\` \\[pas lien](https://x.fr) \\\\'), [
      '*pas em* _non_ ~~non~~ `pas code` [pas lien](', link('https://x.fr', 'https://x.fr'), ') \\',
    ]);
  });

  test('escaped line-start markers do not make blocks', () => {
    assert.deepEqual(parseMarkdown('\\- pas une liste'), [{ t: 'p', c: ['- pas une liste'] }]);
    assert.deepEqual(inline('\\> pas une citation'), ['> pas une citation']);
  });

  test('a backslash before anything else is kept', () => {
    assert.deepEqual(inline('C:\\Users\\léa et fin\\'), ['C:\\Users\\léa et fin\\']);
  });
});

describe('plainText', () => {
  test('drops markup, keeps text, link labels and code', () => {
    const tree = parseMarkdown('Bonjour **Léa**, voir [la note](https://x.fr) et `npm test`.\nMerci\n\n- un\n- *deux*\n\n> cité\n\n```\ncode\n```');
    assert.equal(plainText(tree), 'Bonjour Léa, voir la note et npm test.\nMerci\n\nun\ndeux\n\ncité\n\ncode');
  });

  test('is empty for an empty tree', () => {
    assert.equal(plainText([]), '');
  });
});

describe('French text', () => {
  test('accents, typographic apostrophes and guillemets around styles', () => {
    assert.deepEqual(inline('L’équipe d’*accueil* a dit « **c’est prêt** » : l’_été_ arrive.'), [
      'L’équipe d’', { t: 'em', c: ['accueil'] }, ' a dit « ', { t: 'strong', c: ['c’est prêt'] }, ' » : l’', { t: 'em', c: ['été'] }, ' arrive.',
    ]);
  });

  test('non-breaking spaces before French punctuation count as spaces', () => {
    assert.deepEqual(inline('«\u202F*Très bien*\u202F» ; **déjà**\u00A0!'), [
      '«\u202F', { t: 'em', c: ['Très bien'] }, '\u202F» ; ', { t: 'strong', c: ['déjà'] }, '\u00A0!',
    ]);
  });

  test('a bare URL before a closing guillemet or apostrophe stops before it', () => {
    assert.deepEqual(inline('« https://exemple.fr/été »'), ['« ', link('https://exemple.fr/été', 'https://exemple.fr/été'), ' »']);
    assert.deepEqual(inline('(https://a.fr’)'), ['(', link('https://a.fr', 'https://a.fr'), '’)']);
  });

  test('plainText keeps every character', () => {
    const text = 'Où est l’œuf ? À côté du çà-et-là, naïve Noël — « déjà vu ».';
    assert.equal(plainText(parseMarkdown(text)), text);
  });
});

describe('pathological input', () => {
  const size = 100_000;
  const inputs: Record<string, string> = {
    'asterisks': '*'.repeat(size),
    'underscores': '_'.repeat(size),
    'tildes': '~'.repeat(size),
    'open brackets': '['.repeat(size),
    'close brackets': ']'.repeat(size),
    'backticks': '`'.repeat(size),
    'backslashes': '\\'.repeat(size),
    'alternating emphasis': '*a'.repeat(size / 2),
    'mixed delimiters': '*_[`~~'.repeat(size / 6),
    'rule-of-3 runs': 'a**b*'.repeat(size / 5),
    'unclosed link targets': '[a]('.repeat(size / 4),
    'unclosed nested targets': '[a](b('.repeat(size / 6),
    'brackets then targets': '['.repeat(size / 2) + '](https://x.fr)'.repeat(size / 30),
    'many links': '[a](https://x.fr)'.repeat(size / 17),
    'deep parentheses': '[a](' + '('.repeat(size),
    'backtick runs of every length': Array.from({ length: 440 }, (_, k) => '`'.repeat(k + 1) + 'a').join(''),
    'bare URLs': '(https://a.fr'.repeat(size / 13),
    'one huge URL': 'https://a.fr/' + 'b'.repeat(size),
    'quote markers': '>'.repeat(size),
    'quote lines': '> > > > > > x\n'.repeat(size / 14),
    'list items': '- a\n'.repeat(size / 4),
    'list items with blank lines': '- a\n\n\n\n\n'.repeat(size / 8),
    'fences': '```\n'.repeat(size / 4),
    'line breaks': '\n'.repeat(size),
    'nested emphasis': '*a '.repeat(size / 6) + ' a*'.repeat(size / 6),
    'nested links': '[*a '.repeat(size / 8) + '](https://x.fr)'.repeat(size / 30),
  };

  for (const [name, text] of Object.entries(inputs)) {
    test(`${name} (${Math.round(text.length / 1000)} KB) parses in well under a second, with bounded depth`, () => {
      const started = performance.now();
      const tree = parseMarkdown(text);
      plainText(tree);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
      assert.ok(depth(tree) <= 12, `depth ${depth(tree)}`);
    });
  }

  test('nested styles beyond the cap keep their text but stop nesting', () => {
    const text = '*a **b ~~c *d **e ~~f *g **h ~~i~~ h** g* f~~ e** d* c~~ b** a*';
    const tree = parseMarkdown(text);
    assert.equal(depth(tree), 1 + 6, 'a paragraph holding six nested styles');
    assert.equal(plainText(tree), 'a b c d e f g h i h g f e d c b a');
  });

  test('a link past the depth cap becomes its label, never an unchecked link', () => {
    const tree = parseMarkdown('*a **b ~~c *d **e ~~f [lien](https://x.fr) https://y.fr~~** d* c~~ b** a*');
    assert.deepEqual(links(tree), []);
    assert.match(plainText(tree), /f lien https:\/\/y\.fr/);
  });
});
