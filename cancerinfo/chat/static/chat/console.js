/* The nurses' live chat console (/admin/chat/). The queue and every chat the nurse holds arrive over the WebSocket
   /chat/ws/nurse/; the actions (pick up, emergency, transfer, end) are the page's own forms, posted with fetch.
   Messages carry an id made here, so one sent again after a reconnect is stored once; messages from the server are
   shown once each, by id. */
(function () {
  "use strict";
  var root = document.querySelector("[data-console]");
  if (!root || !window.WebSocket) return;

  var TYPING_MS = 2500;
  var connection = root.querySelector("[data-connection]");
  var queue = root.querySelector("[data-queue]");
  var chats = root.querySelector("[data-chats]");
  var template = root.querySelector("[data-chat-template]");
  var csrf = (root.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";
  var panels = {}; // chat id -> {element, lastId, outbox, typingTimer}
  var socket = null;
  var open = false;
  var delay = 1000;
  var pings = window.chatPings(closed); // pings.js: a ping with no pong in 10 s drops the socket and reconnects
  var names = { reader: "Reader", nurse: "Nurse", system: "CancerInfo" };

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return String(Date.now()) + "-" + String(Math.random()).slice(2);
  }

  function send(data) {
    if (open) socket.send(JSON.stringify(data));
    return open;
  }

  function postAction(form) {
    // URL-encoded, with the CSRF token in it: an empty multipart body is a 400 for Django.
    var body = new URLSearchParams(new FormData(form));
    body.set("csrfmiddlewaretoken", csrf);
    return fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        connection.textContent = data.message;
        return data;
      });
    });
  }

  function wireActions(scope) {
    scope.querySelectorAll("form[data-action]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        postAction(form);
      });
    });
  }

  // --- The queue --------------------------------------------------------------------------------------------------------

  function showQueue(waiting) {
    queue.textContent = "";
    if (!waiting.length) {
      var empty = document.createElement("li");
      empty.textContent = "Nobody is waiting.";
      queue.appendChild(empty);
      return;
    }
    waiting.forEach(function (chat) {
      var item = document.createElement("li");
      item.setAttribute("data-queue-item", chat.id);
      var since = new Date(chat.waiting_since);
      item.appendChild(document.createTextNode(chat.reference + ", waiting since " +
        since.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + " "));
      var form = document.createElement("form");
      form.method = "post";
      form.action = "/admin/chat/" + chat.id + "/pick-up/";
      form.setAttribute("data-action", "");
      var button = document.createElement("button");
      button.className = "button button-small";
      button.type = "submit";
      button.textContent = "Pick up " + chat.reference;
      form.appendChild(button);
      item.appendChild(form);
      queue.appendChild(item);
    });
    wireActions(queue);
  }

  // --- The chats ----------------------------------------------------------------------------------------------------------

  function panelFor(chatId, reference) {
    if (panels[chatId]) return panels[chatId];
    var placeholder = chats.querySelector('[data-chat-placeholder="' + chatId + '"]');
    if (placeholder) placeholder.remove();
    var element = template.content.firstElementChild.cloneNode(true);
    element.setAttribute("data-chat-id", chatId);
    element.querySelector("[data-title]").textContent = "Chat " + (reference || chatId);
    element.querySelector("[data-emergency]").action = "/admin/chat/" + chatId + "/emergency/";
    element.querySelector("[data-transfer]").action = "/admin/chat/" + chatId + "/transfer/";
    element.querySelector("[data-end]").action = "/admin/chat/" + chatId + "/end/";
    element.querySelectorAll("[name=csrfmiddlewaretoken]").forEach(function (input) { input.value = csrf; });
    var panel = { element: element, lastId: 0, outbox: {}, typingTimer: null, lastTyping: 0 };
    panels[chatId] = panel;
    wireActions(element);
    wireCompose(chatId, panel);
    chats.appendChild(element);
    return panel;
  }

  function wireCompose(chatId, panel) {
    var form = panel.element.querySelector("[data-compose]");
    var textarea = form.querySelector("textarea");
    var error = form.querySelector("[data-error]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = textarea.value.trim();
      if (!body) {
        error.textContent = "Type a message";
        error.hidden = false;
        return;
      }
      error.hidden = true;
      var clientId = newClientId();
      panel.outbox[clientId] = body;
      send({ type: "message", chat: chatId, body: body, client_id: clientId });
      textarea.value = "";
      panel.lastTyping = 0; // the next key pressed says "typing" again at once
    });
    textarea.addEventListener("input", function () {
      var now = Date.now();
      if (now - panel.lastTyping < TYPING_MS) return;
      panel.lastTyping = now;
      send({ type: "typing", chat: chatId });
    });
    form.querySelector("[data-saved-reply]").addEventListener("change", function (event) {
      if (!event.target.value) return;
      textarea.value = (textarea.value ? textarea.value + "\n" : "") + event.target.value;
      event.target.value = "";
      textarea.focus();
    });
    var linkQuery = form.querySelector("[data-link-query]");
    var links = form.querySelector("[data-links]");
    var searchTimer = null;
    linkQuery.addEventListener("input", function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () {
        fetch("/admin/chat/links/?q=" + encodeURIComponent(linkQuery.value), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            links.textContent = "";
            data.pages.forEach(function (page) {
              var item = document.createElement("li");
              var button = document.createElement("button");
              button.type = "button";
              button.className = "button button-small button-secondary";
              button.textContent = page.title;
              button.addEventListener("click", function () {
                textarea.value = (textarea.value ? textarea.value + " " : "") + page.url;
                textarea.focus();
              });
              item.appendChild(button);
              links.appendChild(item);
            });
          });
      }, 250);
    });
  }

  function addMessage(data) {
    var panel = panels[data.chat];
    if (!panel || data.id <= panel.lastId) return;
    panel.lastId = data.id;
    if (data.client_id) delete panel.outbox[data.client_id];
    var item = document.createElement("li");
    item.className = "chat-panel__message chat-panel__message--" + data.sender;
    item.setAttribute("data-id", data.id);
    var who = document.createElement("strong");
    who.textContent = names[data.sender] + ": ";
    item.appendChild(who);
    item.appendChild(document.createTextNode(data.body));
    var log = panel.element.querySelector("[data-log]");
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    if (data.sender === "reader") panel.element.querySelector("[data-typing]").hidden = true;
  }

  function showTyping(chatId) {
    var panel = panels[chatId];
    if (!panel) return;
    var line = panel.element.querySelector("[data-typing]");
    line.hidden = false;
    clearTimeout(panel.typingTimer);
    panel.typingTimer = setTimeout(function () { line.hidden = true; }, 6000);
  }

  function release(chatId) {
    var panel = panels[chatId];
    if (!panel) return;
    panel.element.classList.add("chat-panel--ended");
    panel.element.querySelectorAll("form").forEach(function (form) { form.remove(); });
    var note = document.createElement("p");
    note.textContent = "This chat has ended or is with another nurse.";
    panel.element.appendChild(note);
    delete panels[chatId];
  }

  // --- The socket ---------------------------------------------------------------------------------------------------------

  function closed(event) {
    open = false;
    pings.stop();
    if (event.code === 4403) {
      connection.textContent = "The console needs the Nurses role and your second factor: sign in again.";
      return;
    }
    connection.textContent = "Connection lost: reconnecting…";
    setTimeout(connect, delay);
    delay = Math.min(delay * 2, 15000);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + "/chat/ws/nurse/");
    socket.onopen = function () {
      open = true;
      delay = 1000;
      connection.textContent = "Connected.";
    };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "queue") showQueue(data.waiting);
      else if (data.type === "assigned") panelFor(data.chat, data.reference);
      else if (data.type === "message") addMessage(data);
      else if (data.type === "typing") showTyping(data.chat);
      else if (data.type === "released") release(data.chat);
      else if (data.type === "error") connection.textContent = data.message;
      else if (data.type === "ack" && panels[data.chat]) delete panels[data.chat].outbox[data.client_id];
      else if (data.type === "pong") pings.pong();
    };
    socket.onclose = closed;
  }

  // Messages typed while the connection was down go when it is back (stored once: they keep their ids).
  setInterval(function () {
    if (!open) return;
    Object.keys(panels).forEach(function (chatId) {
      var panel = panels[chatId];
      Object.keys(panel.outbox).forEach(function (clientId) {
        send({ type: "message", chat: Number(chatId), body: panel.outbox[clientId], client_id: clientId });
      });
    });
    pings.ping(socket);
  }, 5000);

  wireActions(root);
  connect();
})();
