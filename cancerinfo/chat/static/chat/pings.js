/* Pings that expect a pong, for chat.js and console.js (loaded before them). A ping with no pong within PONG_MS means
   the server's side of the socket is stuck (a call to its channel layer hangs, say) and would never close it: the
   socket is dropped without waiting for its closing handshake, and `dead` is called as its onclose would be, so the
   page reconnects with its usual back-off and catches up. */
window.chatPings = function (dead) {
  "use strict";
  var PONG_MS = 10000;
  var timer = null;

  function stop() {
    clearTimeout(timer);
    timer = null;
  }

  return {
    ping: function (socket) {
      socket.send(JSON.stringify({ type: "ping" }));
      if (timer) return; // the clock runs from the oldest ping still unanswered
      timer = setTimeout(function () {
        timer = null;
        socket.onclose = null;
        socket.close();
        dead({ code: 4000 });
      }, PONG_MS);
    },
    pong: stop, // a pong arrived
    stop: stop // the socket closed
  };
};
