import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalUrl, pageSubject, subjectKey } from './subject.ts';

function fakeDocument(href: string, canonical?: string) {
  return {
    baseURI: href,
    location: { href },
    querySelector: (selector: string) =>
      selector.startsWith('link') && canonical !== undefined ? { getAttribute: () => canonical } : null,
  } as unknown as Parameters<typeof pageSubject>[0];
}

describe('subject keys', () => {
  test('a URL loses its fragment, tracking parameters and default port; host and scheme are lower-cased', () => {
    assert.equal(
      canonicalUrl('HTTPS://Intranet.Example.COM:443/actu/portail?id=12&utm_source=mail&utm_campaign=nov&fbclid=x#commentaires'),
      'https://intranet.example.com/actu/portail?id=12',
    );
  });
  test('parameters that identify the page are kept, in their order', () => {
    assert.equal(canonicalUrl('http://intra/page.aspx?b=2&a=1'), 'http://intra/page.aspx?b=2&a=1');
  });
  test('a URL left with no query loses its "?"', () => {
    assert.equal(canonicalUrl('http://intra/page?utm_medium=x'), 'http://intra/page');
  });
  test('the path keeps its case (servers may care)', () => {
    assert.equal(canonicalUrl('http://intra/Actu/Page.html'), 'http://intra/Actu/Page.html');
  });
  test('explicit keys are used as written, trimmed', () => {
    assert.equal(subjectKey('  actu-2026-11-portail '), 'actu-2026-11-portail');
    assert.equal(subjectKey('   '), null);
    assert.equal(subjectKey('x'.repeat(501)), null);
  });
  test('an explicit key that is a URL is normalised like a page address', () => {
    assert.equal(subjectKey('https://intra/actu#top'), 'https://intra/actu');
  });
  test('a page uses its rel=canonical, resolved against its address', () => {
    assert.equal(pageSubject(fakeDocument('http://intra:8080/a/b.html?utm_source=x', '/actualites/1?utm_term=y')), 'http://intra:8080/actualites/1');
  });
  test('without rel=canonical, a page uses its own address', () => {
    assert.equal(pageSubject(fakeDocument('http://intra/news.asp?id=3&utm_source=x#c2')), 'http://intra/news.asp?id=3');
  });
  test('a canonical link to something that is not http(s) is ignored', () => {
    assert.equal(pageSubject(fakeDocument('http://intra/p', 'javascript:alert(1)')), 'http://intra/p');
  });
});
