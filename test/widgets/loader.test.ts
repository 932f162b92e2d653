// The loader as a page includes it: nothing defined until a Ruche tag is in the page.
describe('the loader', () => {
  it('loads an element’s code only when its tag appears, now or later', async () => {
    const early = document.createElement('ruche-demo-picker');
    document.body.append(early);
    await import('../../widgets/loader.ts');
    await customElements.whenDefined('ruche-demo-picker');
    if (customElements.get('ruche-like') || customElements.get('ruche-comments')) throw new Error('loaded code for tags that are not in the page');
    const later = document.createElement('div');
    later.innerHTML = '<p>Actu <ruche-like subject="x"></ruche-like></p>';
    document.body.append(later);
    await Promise.race([
      customElements.whenDefined('ruche-like'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('<ruche-like> added later was not defined')), 5000)),
    ]);
    if (customElements.get('ruche-comments')) throw new Error('comments loaded without a <ruche-comments>');
  });
});
