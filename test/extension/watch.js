// A script of the test intranet page (script-src 'self'): records what a page could notice of the
// extension. It runs after the extension's document_start scripts, as any page script does.
window.__watched = { violations: [], portsSeen: 0, messagesSeen: 0, shifts: [] };
document.addEventListener('securitypolicyviolation', function (event) {
  window.__watched.violations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sourceFile || ''));
});
function onMessage(event) {
  window.__watched.messagesSeen++;
  if (event.ports && event.ports.length) window.__watched.portsSeen++;
}
window.addEventListener('message', onMessage, true);
window.addEventListener('message', onMessage);
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    // What a person did moves things on purpose (CLS leaves those out too).
    if (entry.hadRecentInput) return;
    window.__watched.shifts.push({
      value: entry.value,
      sources: (entry.sources || []).map(function (source) {
        var node = source.node;
        var name = node ? (node.localName || node.nodeName) + (node.id ? '#' + node.id : '') + (node.className && typeof node.className === 'string' ? '.' + node.className.split(' ').join('.') : '') : '?';
        return name + ' ' + JSON.stringify(source.previousRect) + ' → ' + JSON.stringify(source.currentRect);
      }),
    });
  });
}).observe({ type: 'layout-shift', buffered: true });
