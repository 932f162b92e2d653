import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { canonicalUrl, pageSubject, subjectKey } from './subject.ts';

function fakeDocument(href: string, canonical?: string) {
  return {
    baseURI: href,
    location: { href },
    querySelector: (selector: string) =>
      selector.startsWith('link') && canonical !== undefined ? { getAttribute: () => canonical } : null,
  } as unknown as Parameters<typeof pageSubject>[0];
}

/** Every way of writing the page gives the first one's key. */
function sameKey(...hrefs: string[]) {
  const keys = hrefs.map((href) => canonicalUrl(href));
  for (let i = 1; i < keys.length; i++) assert.equal(keys[i], keys[0], `${hrefs[i]} should open the thread of ${hrefs[0]}`);
  return keys[0]!;
}

function differentKeys(a: string, b: string) {
  assert.notEqual(canonicalUrl(a), canonicalUrl(b), `${a} and ${b} are two pages`);
}

describe('subject keys: what RFC 3986 §6.2.2–6.2.3 says is the same URL', () => {
  test('scheme and host in any case, without the default port', () => {
    const key = sameKey(
      'https://intranet.example.com/actu/portail',
      'HTTPS://Intranet.Example.COM/actu/portail',
      'https://intranet.example.com:443/actu/portail',
    );
    assert.equal(key, 'https://intranet.example.com/actu/portail');
    assert.equal(sameKey('http://intra/a', 'http://intra:80/a'), 'http://intra/a');
    assert.equal(canonicalUrl('http://intra:8080/a'), 'http://intra:8080/a', 'a port that is not the default is kept');
  });

  test('percent-escapes of unreserved characters and their decoded form (%7E and ~)', () => {
    assert.equal(sameKey('http://intra/~dupont/cv', 'http://intra/%7Edupont/cv', 'http://intra/%7edupont/cv'), 'http://intra/~dupont/cv');
    assert.equal(sameKey('http://intra/a-b_c.d', 'http://intra/a%2Db%5Fc%2Ed'), 'http://intra/a-b_c.d');
    assert.equal(sameKey('http://intra/p?q=A1', 'http://intra/p?q=%41%31'), 'http://intra/p?q=A1');
  });

  test('percent-escapes in either letter case, and characters that must be escaped', () => {
    assert.equal(
      sameKey('http://intra/actualit%C3%A9s', 'http://intra/actualit%c3%a9s', 'http://intra/actualités'),
      'http://intra/actualit%C3%A9s',
    );
    assert.equal(sameKey('http://intra/a%7Cb', 'http://intra/a|b', 'http://intra/a%7cb'), 'http://intra/a%7Cb');
    assert.equal(sameKey('http://intra/p?q=%c3%a9t%c3%a9', 'http://intra/p?q=été'), 'http://intra/p?q=%C3%A9t%C3%A9');
    assert.equal(canonicalUrl('http://intra/100%/x'), 'http://intra/100%25/x', 'a stray % is escaped');
  });

  test('reserved characters stay apart from their escapes (a server may read them differently)', () => {
    differentKeys('http://intra/a;b', 'http://intra/a%3Bb');
    differentKeys('http://intra/p?q=a%26b', 'http://intra/p?q=a&b');
    differentKeys('http://intra/a%2Fb', 'http://intra/a/b');
  });

  test('dot segments are removed', () => {
    assert.equal(sameKey('http://intra/rh/conges', 'http://intra/rh/./conges', 'http://intra/rh/x/../conges', 'http://intra/rh/%2E/conges'), 'http://intra/rh/conges');
  });

  test('an empty path is "/"; an empty query is no query', () => {
    assert.equal(sameKey('http://intra', 'http://intra/', 'http://intra/?', 'http://intra?&&'), 'http://intra/');
  });

  test('the path keeps its case, and its trailing slash (servers may care; their redirects pick one)', () => {
    assert.equal(canonicalUrl('http://intra/Actu/Page.html'), 'http://intra/Actu/Page.html');
    differentKeys('http://intra/actu', 'http://intra/actu/');
    differentKeys('http://intra/actu', 'https://intra/actu');
  });
});

describe('subject keys: what web-annotation tools also treat as the same page', () => {
  test('query parameters in any order; repeated ones keep their order among themselves', () => {
    assert.equal(sameKey('http://intra/page.aspx?b=2&a=1', 'http://intra/page.aspx?a=1&b=2'), 'http://intra/page.aspx?a=1&b=2');
    assert.equal(canonicalUrl('http://intra/p?tag=b&id=1&tag=a'), 'http://intra/p?id=1&tag=b&tag=a');
    differentKeys('http://intra/p?tag=a&tag=b', 'http://intra/p?tag=b&tag=a');
  });

  test('a space in the query is "+" however it was written', () => {
    assert.equal(sameKey('http://intra/search?q=note+de+frais', 'http://intra/search?q=note%20de%20frais', 'http://intra/search?q=note de frais'), 'http://intra/search?q=note+de+frais');
    differentKeys('http://intra/search?q=a%2Bb', 'http://intra/search?q=a+b');
  });

  test('tracking parameters are dropped: utm_*, fbclid, gclid, mc_*, WebTrends WT.* and their peers', () => {
    const page = 'https://intranet.example.com/actu/portail?id=12';
    const tracked = [
      'utm_source=mail&utm_medium=email&utm_campaign=nov&utm_term=x&utm_content=y&utm_id=3',
      'UTM_SOURCE=mail',
      'utm%5Fsource=mail',
      'fbclid=IwAR0abc',
      'gclid=EAIaIQ&dclid=1&gbraid=2&wbraid=3',
      'msclkid=abc',
      'mc_cid=123&mc_eid=456',
      'WT.mc_id=newsletter&WT.tsrc=email&wt.z_campaign=x',
      '_ga=2.1.2.3&_gl=1*abc',
      'pk_campaign=rh&pk_kwd=conges&mtm_source=lettre&mtm_medium=email',
      'xtor=EREC-1&at_medium=email&at_campaign=nov',
      's_cid=em',
      '_hsenc=p2&_hsmi=1&mkt_tok=abc',
      'yclid=1',
    ];
    for (const query of tracked) assert.equal(canonicalUrl(`${page}&${query}#commentaires`), page, query);
  });

  test('session ids are dropped, in the path or the query', () => {
    assert.equal(
      sameKey('http://intra/rh/conges.jsp?id=3', 'http://intra/rh/conges.jsp;jsessionid=A1B2C3D4E5?id=3', 'http://intra/rh/conges.jsp;JSESSIONID=0000xyz:abc?id=3'),
      'http://intra/rh/conges.jsp?id=3',
    );
    assert.equal(sameKey('http://intra/forum/viewtopic.php?t=12', 'http://intra/forum/viewtopic.php?t=12&PHPSESSID=9c1185a5c5e9fc54612808977ee8f548'), 'http://intra/forum/viewtopic.php?t=12');
    assert.equal(sameKey('http://intra/app/page.cfm?id=1', 'http://intra/app/page.cfm?id=1&CFID=1234&CFTOKEN=5678'), 'http://intra/app/page.cfm?id=1');
    assert.equal(sameKey('http://intra/p?x=1', 'http://intra/p?x=1&jsessionid=abc'), 'http://intra/p?x=1');
    assert.equal(
      sameKey('http://intra/rh/default.aspx', 'http://intra/(S(lit3py55t21z5v55vlm25s55))/rh/default.aspx', 'http://intra/(A(abc)S(xyz)F(def))/rh/default.aspx'),
      'http://intra/rh/default.aspx',
    );
  });

  test("SharePoint's Source= back-link is dropped", () => {
    assert.equal(
      sameKey(
        'https://sp.intra/sites/rh/Lists/Annonces/DispForm.aspx?ID=3',
        'https://sp.intra/sites/rh/Lists/Annonces/DispForm.aspx?ID=3&Source=https%3A%2F%2Fsp%2Eintra%2Fsites%2Frh%2FLists%2FAnnonces%2FAllItems%2Easpx',
        'https://sp.intra/sites/rh/Lists/Annonces/DispForm.aspx?Source=%2Fsites%2Frh&ID=3',
      ),
      'https://sp.intra/sites/rh/Lists/Annonces/DispForm.aspx?ID=3',
    );
  });

  test('parameters that identify the page are kept', () => {
    for (const query of ['id=12', 'sid=4', 'source=git', 'ref=main', 'page=2', 'lang=fr', 'mc=1']) {
      assert.equal(canonicalUrl(`http://intra/p?${query}`), `http://intra/p?${query}`);
    }
  });

  test('a plain #anchor is the same page', () => {
    assert.equal(sameKey('http://intra/guide', 'http://intra/guide#section-2', 'http://intra/guide#', 'http://intra/guide#top'), 'http://intra/guide');
  });

  test('hash-bang and hash-path routes are pages of their own', () => {
    differentKeys('http://intra/portail/#!/service/rh', 'http://intra/portail/#!/service/compta');
    differentKeys('http://intra/portail/#/service/rh', 'http://intra/portail/#/service/compta');
    differentKeys('http://intra/portail/#!/service/rh', 'http://intra/portail/');
    assert.equal(canonicalUrl('http://intra/portail/#!/service/rh'), 'http://intra/portail/#!/service/rh');
    assert.equal(canonicalUrl('http://intra/portail/#/service/rh'), 'http://intra/portail/#/service/rh');
    assert.equal(canonicalUrl('http://intra/app#!dossiers'), 'http://intra/app#!dossiers');
  });

  test('a route is normalised like a path and a query; the root route is the page itself', () => {
    assert.equal(
      sameKey('http://intra/app/#/dossier/%7e12?onglet=2&vue=liste', 'http://intra/app/#/dossier/~12?vue=liste&onglet=2&utm_source=mail'),
      'http://intra/app/#/dossier/~12?onglet=2&vue=liste',
    );
    assert.equal(sameKey('http://intra/app/', 'http://intra/app/#/', 'http://intra/app/#!', 'http://intra/app/#!/'), 'http://intra/app/');
  });

  test('credentials and a trailing dot of the host are not part of the page', () => {
    assert.equal(sameKey('http://intra.example.com/a', 'http://jdupont:secret@intra.example.com/a', 'http://intra.example.com./a'), 'http://intra.example.com/a');
  });

  test('one page, many links: all the ways together', () => {
    sameKey(
      'https://intranet.example.com/actu/portail.aspx?id=12&cat=rh',
      'HTTPS://Intranet.Example.COM:443/actu/./portail.aspx;jsessionid=XYZ?utm_source=mail&cat=%72h&id=12&fbclid=abc&Source=%2Factu#commentaires',
    );
  });
});

describe('subject keys: properties', () => {
  const webUrl = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true });

  test('a key is already its own key', () => {
    fc.assert(
      fc.property(webUrl, (href) => {
        const key = canonicalUrl(href);
        assert.equal(canonicalUrl(key), key);
      }),
      { seed: 1405, numRuns: 500 },
    );
  });

  test('the order of query parameters never matters', () => {
    const parameter = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.string({ unit: 'grapheme', maxLength: 8 }));
    const parametersInTwoOrders = fc
      .uniqueArray(parameter, { selector: ([name]) => name, maxLength: 6 })
      .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    const query = (list: [string, string][]) => list.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
    fc.assert(
      fc.property(parametersInTwoOrders, ([written, shuffled]) => {
        assert.equal(canonicalUrl(`http://intra/p?${query(written)}`), canonicalUrl(`http://intra/p?${query(shuffled)}`));
      }),
      { seed: 1405, numRuns: 300 },
    );
  });
});

describe('explicit keys and pages', () => {
  test('explicit keys are used as written, trimmed and in NFC; blank, too long or with control characters: none', () => {
    assert.equal(subjectKey('  actu-2026-11-portail '), 'actu-2026-11-portail');
    assert.equal(subjectKey('ide\u0301e-12'), 'idée-12', 'a decomposed accent is the composed one');
    assert.equal(subjectKey('Actu-42'), 'Actu-42', 'case is kept');
    assert.equal(subjectKey('   '), null);
    assert.equal(subjectKey('x'.repeat(501)), null);
    assert.equal(subjectKey('a\u0000b'), null);
    assert.equal(subjectKey('a\u0007b'), null);
  });
  test('an explicit key that is a URL is normalised like a page address', () => {
    assert.equal(subjectKey('https://intra/actu#top'), 'https://intra/actu');
    assert.equal(subjectKey(' HTTP://Intra/p?b=1&a=2 '), 'http://intra/p?a=2&b=1');
    assert.equal(subjectKey('http://'), null, 'not a URL');
  });
  test('a page uses its rel=canonical, resolved against its address', () => {
    assert.equal(pageSubject(fakeDocument('http://intra:8080/a/b.html?utm_source=x', '/actualites/1?utm_term=y')), 'http://intra:8080/actualites/1');
  });
  test('without rel=canonical, a page uses its own address', () => {
    assert.equal(pageSubject(fakeDocument('http://intra/news.asp?id=3&utm_source=x#c2')), 'http://intra/news.asp?id=3');
  });
  test('a single-page intranet without rel=canonical: each route is a page', () => {
    assert.equal(pageSubject(fakeDocument('http://intra/portail/#!/service/rh')), 'http://intra/portail/#!/service/rh');
  });
  test('a canonical link to something that is not http(s) is ignored', () => {
    assert.equal(pageSubject(fakeDocument('http://intra/p', 'javascript:alert(1)')), 'http://intra/p');
  });
  test('a page that is not on the web keeps its address, without the fragment', () => {
    assert.equal(pageSubject(fakeDocument('file:///C:/intranet/accueil.html#haut')), 'file:///C:/intranet/accueil.html');
  });
});
