/* Check-in desk: scanner field, camera (BarcodeDetector, else the vendored jsQR), search.
 * Every action goes to the JSON API and the answer is drawn into #scan-result. Text from
 * the server is set with textContent only. Without this script the forms still post. */
(function () {
  "use strict";
  var app = document.getElementById("checkin-app");
  if (!app) { return; }
  var data = app.dataset;
  var field = document.getElementById("scan-token");
  var resultBox = document.getElementById("scan-result");
  var busy = false;

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": data.csrf, "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error(json.error || data.msgNetwork); }
        return json;
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function showError(message) {
    resultBox.replaceChildren();
    var card = el("div", "card scan-result border-3 text-bg-danger");
    card.dataset.state = "error";
    var body = el("div", "card-body");
    body.appendChild(el("p", "mb-0 fs-5 scan-message", message));
    card.appendChild(body);
    resultBox.appendChild(card);
  }

  function show(result) {
    resultBox.replaceChildren();
    // The reprint form follows the person on screen.
    var reprint = document.getElementById("reprint-form");
    if (reprint) {
      reprint.querySelector("input[name=registration_id]").value = result.registration_id || "";
      reprint.classList.toggle("d-none", !result.registration_id);
    }
    var card = el("div", "card scan-result border-3 border-" + result.colour + " text-bg-" + result.colour);
    card.dataset.state = result.state;
    var body = el("div", "card-body d-flex gap-3 align-items-start");
    if (result.photo_url) {
      var img = el("img", "scan-photo rounded object-fit-cover");
      img.width = 96;
      img.height = 96;
      img.src = result.photo_url;
      img.alt = "";
      body.appendChild(img);
    }
    var text = el("div", "flex-grow-1");
    text.appendChild(el("h2", "h3 scan-headline mb-1", result.headline));
    if (result.name) { text.appendChild(el("p", "fs-4 fw-semibold mb-1 scan-name", result.name)); }
    var details = [result.delegation, result.role, result.state === "not_admitted" ? result.status : ""]
      .filter(Boolean).join(" · ");
    if (details) { text.appendChild(el("p", "mb-1 scan-details", details)); }
    if (result.message) { text.appendChild(el("p", "mb-1 scan-message", result.message)); }
    if (result.warning) { text.appendChild(el("p", "mb-1 fw-bold scan-warning", "⚠ " + result.warning)); }
    if (result.can_undo && result.registration_id) {
      var undo = el("button", "btn btn-light btn-sm scan-undo", data.msgUndo);
      undo.type = "button";
      undo.addEventListener("click", function () {
        post(data.undoUrl, { registration_id: result.registration_id, session_id: result.session_id })
          .then(show, function (error) { showError(error.message); })
          .then(refocus);
      });
      text.appendChild(undo);
    }
    body.appendChild(text);
    card.appendChild(body);
    resultBox.appendChild(card);
  }

  function refocus() { field.focus(); }

  function scan(token) {
    token = (token || "").trim();
    if (!token || busy) { return; }
    busy = true;
    post(data.scanUrl, { token: token })
      .then(show, function (error) { showError(error.message); })
      .then(function () { busy = false; field.value = ""; refocus(); });
  }

  document.getElementById("scan-form").addEventListener("submit", function (event) {
    event.preventDefault();
    scan(field.value);
  });

  // A keyboard-wedge scanner types wherever the focus is: keep it on the scanner field.
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    var typing = active && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(active.tagName);
    if (!typing && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      field.focus();
    }
  });

  /* Search for people without their badge. */
  var searchForm = document.getElementById("search-form");
  var searchResults = document.getElementById("search-results");
  searchForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("search-q").value.trim();
    if (!q) { return; }
    fetch(data.searchUrl + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (json) {
        searchResults.replaceChildren();
        if (!json.results || !json.results.length) {
          searchResults.appendChild(el("p", "", data.msgNone));
          return;
        }
        var table = el("table", "table table-sm");
        var tbody = el("tbody");
        json.results.forEach(function (person) {
          var row = el("tr");
          [person.name, person.delegation, person.role, person.status].forEach(function (value) {
            row.appendChild(el("td", "", value));
          });
          var cell = el("td", "text-end");
          var button = el("button", "btn btn-sm btn-primary", person.checked_in ? data.msgChecked : data.msgCheckin);
          button.type = "button";
          button.addEventListener("click", function () {
            post(data.scanUrl, { registration_id: person.registration_id })
              .then(show, function (error) { showError(error.message); })
              .then(refocus);
          });
          cell.appendChild(button);
          row.appendChild(cell);
          tbody.appendChild(row);
        });
        table.appendChild(tbody);
        searchResults.appendChild(table);
      }, function () { showError(data.msgNetwork); });
  });

  /* Camera: the browser's BarcodeDetector, else jsQR (loaded on first use). */
  var video = document.getElementById("camera-video");
  var startButton = document.getElementById("camera-start");
  var stopButton = document.getElementById("camera-stop");
  var note = document.getElementById("camera-note");
  var stream = null;
  var lastToken = "";
  var lastAt = 0;
  var canvas = document.createElement("canvas");

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    startButton.classList.remove("d-none");
  }

  function loadJsQR() {
    if (window.jsQR) { return Promise.resolve(window.jsQR); }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = data.jsqrSrc;
      script.onload = function () { resolve(window.jsQR); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function makeDetector() {
    if ("BarcodeDetector" in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") === -1) { throw new Error("no qr"); }
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return function () {
          return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
        };
      }).catch(jsQRDetector);
    }
    return jsQRDetector();
  }

  function jsQRDetector() {
    return loadJsQR().then(function (jsQR) {
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function () {
        if (!video.videoWidth) { return Promise.resolve(null); }
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(code ? code.data : null);
      };
    });
  }

  function loop(detect) {
    if (!stream) { return; }
    detect().then(function (token) {
      var now = Date.now();
      if (token && (token !== lastToken || now - lastAt > 4000)) {
        lastToken = token;
        lastAt = now;
        scan(token);
      }
    }).catch(function () { return null; }).then(function () {
      setTimeout(function () { loop(detect); }, 200);
    });
  }

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.classList.add("d-none");
    stopButton.classList.add("d-none");
    startButton.classList.remove("d-none");
  }

  startButton.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.classList.remove("d-none");
        startButton.classList.add("d-none");
        stopButton.classList.remove("d-none");
        note.classList.add("d-none");
        return video.play().then(makeDetector).then(loop);
      })
      .catch(function () {
        stopCamera();
        note.textContent = data.msgCamera;
        note.classList.remove("d-none");
      });
  });
  stopButton.addEventListener("click", function () { stopCamera(); refocus(); });
}());
