/*
 * Koers: search on a site opened from a file share (file://).
 *
 * Chrome starts no Web Worker from a file:// page, so Material's search worker runs in a hidden
 * iframe instead: the same approach as Material's own offline plugin (which loads the iframe-worker
 * shim from unpkg.com), written for Koers so that the site loads nothing from another host.
 * Material's search worker knows this mode: it looks for IFrameWorker on its parent, finds its own
 * <script> to locate the lunr language files, and awaits what importScripts returns.
 * On http(s) pages this script does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || "IFrameWorker" in window) {
    return;
  }

  function load(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("Kan " + url + " niet laden")); };
      doc.body.appendChild(script);
    });
  }

  function later(callback) {
    setTimeout(callback, 0);
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.onmessageerror = null;
      var worker = this;
      var href = new URL(url, document.baseURI).href;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = "Zoekfunctie";
      frame.setAttribute("aria-hidden", "true");
      document.body.appendChild(frame);
      this.frame = frame;
      var scope = frame.contentWindow;
      var doc = scope.document;
      // What a worker's global scope offers, for the worker script in the iframe.
      scope.postMessage = function (data) { later(function () { worker.deliver(data); }); };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return load(doc, new URL(next, href).href); });
        }, Promise.resolve());
      };
      scope.close = function () { worker.terminate(); };
      this.ready = load(doc, href);
      this.ready.catch(function (error) { worker.fail(error); });
    }

    postMessage(data) {
      var frame = this.frame;
      this.ready.then(function () {
        if (frame && frame.contentWindow) {
          frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: data }));
        }
      });
    }

    deliver(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof this.onmessage === "function") {
        this.onmessage(event);
      }
      this.dispatchEvent(event);
    }

    fail(error) {
      var event = new ErrorEvent("error", { error: error, message: String(error) });
      if (typeof this.onerror === "function") {
        this.onerror(event);
      }
      this.dispatchEvent(event);
    }

    terminate() {
      if (this.frame) {
        this.frame.remove();
        this.frame = null;
      }
    }
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
