/* Live chat with a nurse: the reader's side. Progressive enhancement: without this script the page offers the
   ask-a-nurse form and the phone number; with it, and while the nurses are online, the chat.

   Messages travel over a WebSocket (/chat/ws/reader/); when WebSockets fail or are blocked, the same JSON endpoints
   are polled (/chat/api/...). Every message carries an id made here (client_id): sent again after a dropped
   connection it is stored once. Each message from the server has an id; the page keeps the last one it showed, and
   on reconnecting asks for what came after it, so nothing is missed or shown twice. */
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root || !window.fetch || !window.JSON) return;

  var STORE_KEY = "cancerinfo-chat-token";
  var POLL_MS = 1000;
  var PING_MS = 10000;
  var TYPING_MS = 2500;
  var ACK_MS = 4000;
  var fallback = document.querySelector("[data-chat-fallback]");
  var startForm = root.querySelector("[data-chat-start]");
  var room = root.querySelector("[data-chat-room]");
  var log = root.querySelector("[data-chat-log]");
  var statusLine = root.querySelector("[data-chat-status]");
  var typingLine = root.querySelector("[data-chat-typing]");
  var emergencyBox = root.querySelector("[data-chat-emergency]");
  var compose = root.querySelector("[data-chat-compose]");
  var textarea = compose.querySelector("textarea");
  var names = { reader: "You", nurse: "Nurse", system: "CancerInfo" };

  var token = null;
  var lastId = 0;
  var socket = null;
  var socketOpen = false;
  var pollTimer = null;
  var reconnectDelay = 1000;
  var pings = window.chatPings(closed); // pings.js: a ping with no pong in 10 s drops the socket and reconnects
  var outbox = {}; // client_id -> {body, sentAt}: sent but not yet stored, as far as we know
  var lastTyping = 0;
  var typingTimer = null;
  var ended = false;

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function api(path, options) {
    options = options || {};
    var headers = { "Content-Type": "application/json" };
    if (token) headers["X-Chat-Token"] = token;
    return fetch("/chat/api/" + path, {
      method: options.method || "GET",
      headers: headers,
      body: options.body ? JSON.stringify(options.body) : undefined,
      credentials: "omit",
      cache: "no-store"
    });
  }

  function showError(id, message) {
    var element = document.getElementById(id);
    if (!element) return;
    element.textContent = message || "";
    element.hidden = !message;
  }

  // --- The log ------------------------------------------------------------------------------------------------------

  function renderItem(item, message) {
    item.className = "chat-log__item chat-log__item--" + message.sender;
    item.textContent = "";
    var who = document.createElement("span");
    who.className = "chat-log__who";
    who.textContent = names[message.sender] || "";
    item.appendChild(who);
    item.appendChild(document.createTextNode(message.body));
    if (message.id) item.setAttribute("data-id", message.id);
  }

  function addMessage(message) {
    if (!message.id || message.id <= lastId) return; // seen already: a notice and a poll both brought it
    lastId = message.id;
    var item = message.client_id ? log.querySelector('[data-client-id="' + message.client_id + '"]') : null;
    if (message.sender === "reader" && message.client_id) delete outbox[message.client_id];
    if (!item || message.sender !== "reader") item = document.createElement("li");
    renderItem(item, message);
    if (!item.parentNode) log.appendChild(item);
    if (message.sender === "nurse") typingLine.hidden = true;
    log.scrollTop = log.scrollHeight;
  }

  function showState(state) {
    var text;
    if (state.status === "waiting") {
      text = "You are number " + state.position + " in the queue. " + (state.wait ? state.wait.text : "");
    } else if (state.status === "active") {
      text = "You are chatting with a nurse.";
    } else if (state.status === "passed_on") {
      text = "Your question has been passed to our nurses (reference " + state.enquiry_reference + ").";
    } else {
      text = "This chat has ended.";
    }
    statusLine.textContent = text + " Your chat reference is " + state.reference + ".";
    showTyping(state.nurse_typing);
    if (state.emergency) emergencyBox.hidden = false;
    if (state.status !== "waiting" && state.status !== "active") finish();
  }

  function showTyping(on) {
    typingLine.hidden = !on;
    if (typingTimer) clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(function () { typingLine.hidden = true; }, 6000);
  }

  function finish() {
    if (ended) return;
    ended = true;
    textarea.disabled = true;
    compose.querySelector("button").disabled = true;
    var leave = root.querySelector("[data-chat-leave]");
    if (leave) leave.hidden = true;
  }

  // --- WebSocket, then polling ----------------------------------------------------------------------------------------

  function connect() {
    if (!window.WebSocket) return startPolling();
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    try {
      socket = new WebSocket(scheme + window.location.host + "/chat/ws/reader/");
    } catch (e) {
      return startPolling();
    }
    var opened = false;
    var giveUp = setTimeout(function () { if (!opened) startPolling(); }, 3000);
    socket.onopen = function () {
      opened = true;
      clearTimeout(giveUp);
      socketOpen = true;
      reconnectDelay = 1000;
      stopPolling();
      socket.send(JSON.stringify({ type: "hello", token: token, after: lastId }));
      Object.keys(outbox).forEach(function (clientId) { sendOverSocket(clientId, outbox[clientId].body); });
    };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "message") addMessage(data);
      else if (data.type === "state") showState(data);
      else if (data.type === "typing") showTyping(true);
      else if (data.type === "ack") delete outbox[data.client_id];
      else if (data.type === "error") showError("chat-message-error", data.message);
      else if (data.type === "pong") pings.pong();
    };
    socket.onclose = function (event) {
      clearTimeout(giveUp);
      closed(event);
    };
  }

  function closed(event) {
    socketOpen = false;
    socket = null;
    pings.stop();
    if (event.code === 4404) return forget();
    startPolling(); // meanwhile, and for as long as the socket stays down
    setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 15000);
  }

  // A ping every 10 s: the answer sends on anything a lost notice left unsent (the server's channel layer restarted).
  setInterval(function () {
    if (socketOpen && socket) pings.ping(socket);
  }, PING_MS);

  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }

  function poll() {
    if (socketOpen) return stopPolling();
    api("poll/?after=" + lastId).then(function (response) {
      if (response.status === 404) return forget();
      if (!response.ok) return null;
      return response.json().then(function (data) {
        data.messages.forEach(addMessage);
        showState(data.state);
        Object.keys(outbox).forEach(function (clientId) {
          if (Date.now() - outbox[clientId].sentAt > ACK_MS) sendOverHttp(clientId, outbox[clientId].body);
        });
      });
    }).catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  function forget() {
    var store = storage();
    if (store) store.removeItem(STORE_KEY);
    stopPolling();
    finish();
    statusLine.textContent = "We could not find your chat. It may have ended.";
  }

  // --- Sending ----------------------------------------------------------------------------------------------------------

  function sendOverSocket(clientId, body) {
    socket.send(JSON.stringify({ type: "message", body: body, client_id: clientId }));
  }

  function sendOverHttp(clientId, body) {
    outbox[clientId].sentAt = Date.now();
    return api("send/", { method: "POST", body: { body: body, client_id: clientId } }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) {
          delete outbox[clientId];
          if (!socketOpen) poll();
        } else {
          delete outbox[clientId];
          showError("chat-message-error", data.error);
        }
      });
    }).catch(function () { /* kept in the outbox: sent again on the next poll or reconnect */ });
  }

  compose.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = textarea.value.trim();
    if (!body) return showError("chat-message-error", "Type a message");
    showError("chat-message-error", "");
    var clientId = newClientId();
    outbox[clientId] = { body: body, sentAt: Date.now() };
    var item = document.createElement("li");
    item.setAttribute("data-client-id", clientId);
    renderItem(item, { sender: "reader", body: body });
    item.classList.add("chat-log__item--pending");
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    textarea.value = "";
    lastTyping = 0; // the next key pressed says "typing" again at once
    if (socketOpen) sendOverSocket(clientId, body);
    else sendOverHttp(clientId, body);
  });

  textarea.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping < TYPING_MS) return;
    lastTyping = now;
    if (socketOpen) socket.send(JSON.stringify({ type: "typing" }));
    else api("typing/", { method: "POST" }).catch(function () {});
  });

  // --- Starting, leaving, the transcript ----------------------------------------------------------------------------------

  function enterRoom() {
    startForm.hidden = true;
    room.hidden = false;
    connect();
  }

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    showError("chat-email-error", "");
    showError("chat-consent-error", "");
    var email = startForm.querySelector("[name=email]").value;
    var consent = startForm.querySelector("[name=consent]").checked;
    api("start/", { method: "POST", body: { email: email, consent: consent } }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var field = data.field === "email" ? "chat-email-error" : "chat-consent-error";
          showError(field, data.error);
          return;
        }
        token = data.token;
        var store = storage();
        if (store) store.setItem(STORE_KEY, token);
        showState(data);
        enterRoom();
      });
    }).catch(function () {
      showError("chat-consent-error", "We could not start the chat. Check your connection and try again.");
    });
  });

  root.querySelector("[data-chat-leave]").addEventListener("click", function () {
    api("leave/", { method: "POST" }).then(function (response) {
      if (response.ok) response.json().then(function (data) { showState(data.state); });
    });
  });

  root.querySelector("[data-chat-transcript]").addEventListener("click", function () {
    api("transcript/").then(function (response) {
      if (!response.ok) return;
      var name = (response.headers.get("Content-Disposition") || "").split('filename="')[1] || "chat.txt\"";
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = name.replace(/"$/, "");
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    });
  });

  root.querySelector("[data-chat-email-form]").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = event.target.querySelector("[name=email]");
    api("email-transcript/", { method: "POST", body: { email: input.value } }).then(function (response) {
      return response.json().then(function (data) {
        showError("chat-transcript-email-error", response.ok ? "" : data.error);
        if (response.ok) {
          input.value = "";
          statusLine.textContent = "We are emailing you the chat.";
        }
      });
    });
  });

  // --- On load ----------------------------------------------------------------------------------------------------------

  var store = storage();
  token = store ? store.getItem(STORE_KEY) : null;
  if (token) {
    fallback.hidden = true;
    root.hidden = false;
    enterRoom();
  } else if (root.getAttribute("data-open") === "true") {
    fallback.hidden = true;
    root.hidden = false;
  }
})();
