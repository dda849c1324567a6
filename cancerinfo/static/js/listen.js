// "Listen to this page" (templates/includes/listen.html): reads the page's text aloud with the browser's own speech
// synthesis, in the page's language, one paragraph, heading or list item at a time. Nothing leaves the browser.
// The control is rendered hidden and shown here only where the browser can speak.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var synth = window.speechSynthesis;
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption, blockquote";
  // Parts of the page that are not its text: navigation, forms, this control, hidden and decorative parts.
  var SKIP = "nav, form, button, select, script, style, [hidden], [aria-hidden='true'], [data-listen], [data-listen-skip]";

  function pageLanguage(element) {
    var withLang = element.closest("[lang]");
    return (withLang && withLang.getAttribute("lang")) || document.documentElement.lang || "en-GB";
  }

  // The text to read: each outermost block (a list item holding paragraphs is read once), with its language.
  function chunks(root) {
    var found = [];
    root.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIP)) return;
      var parent = element.parentElement ? element.parentElement.closest(BLOCKS) : null;
      if (parent && root.contains(parent)) return;
      var text = (element.textContent || "").replace(/\s+/g, " ").trim();
      if (text) found.push({ text: text, lang: pageLanguage(element) });
    });
    return found;
  }

  function setUp(control) {
    var root = control.closest("[data-listen-root], article") || document.querySelector("main") || document.body;
    var play = control.querySelector("[data-listen-play]");
    var pause = control.querySelector("[data-listen-pause]");
    var stop = control.querySelector("[data-listen-stop]");
    var rate = control.querySelector("[data-listen-rate]");
    var status = control.querySelector("[data-listen-status]");
    var state = "stopped"; // stopped | speaking | paused
    var queue = [];
    var position = 0;
    var generation = 0; // an utterance of an earlier start (cancelled) ends without effect
    // The words it shows and says, in the page's language: the template passes them translated as data- attributes
    // (data-listen-label-play, data-listen-say-reading, ...); English where one is missing.
    var ENGLISH = {
      labelPlay: "Play",
      labelResume: "Resume",
      sayReading: "Reading the page aloud.",
      sayReadingAt: "Reading the page aloud, {speed}.",
      sayFinished: "Finished reading the page.",
      sayFailed: "Your browser could not read the page aloud.",
      sayPaused: "Paused. Press Resume or Pause again to carry on.",
      sayStopped: "Stopped.",
    };

    function words(name) {
      var attribute = "data-listen-" + name.replace(/[A-Z]/g, function (capital) { return "-" + capital.toLowerCase(); });
      return control.getAttribute(attribute) || ENGLISH[name];
    }

    function say(message) {
      status.textContent = message;
    }

    function show(newState) {
      state = newState;
      var active = state !== "stopped";
      var focused = document.activeElement;
      pause.disabled = !active;
      stop.disabled = !active;
      pause.setAttribute("aria-pressed", state === "paused" ? "true" : "false");
      play.textContent = state === "paused" ? words("labelResume") : words("labelPlay");
      play.setAttribute("aria-disabled", state === "speaking" ? "true" : "false");
      if (!active && (focused === pause || focused === stop)) play.focus(); // never leave focus on a disabled button
    }

    function speakFrom(index) {
      generation += 1;
      var mine = generation;
      position = index;
      if (position >= queue.length) {
        show("stopped");
        say(words("sayFinished"));
        return;
      }
      var chunk = queue[position];
      var utterance = new window.SpeechSynthesisUtterance(chunk.text);
      utterance.lang = chunk.lang;
      utterance.rate = parseFloat(rate.value) || 1;
      utterance.onend = function () {
        if (mine === generation && state === "speaking") speakFrom(position + 1);
      };
      utterance.onerror = function (event) {
        if (mine !== generation || event.error === "interrupted" || event.error === "canceled") return;
        show("stopped");
        say(words("sayFailed"));
      };
      synth.speak(utterance);
    }

    function start() {
      queue = chunks(root);
      synth.cancel();
      if (synth.paused) synth.resume(); // some browsers stay paused after a cancel
      show("speaking");
      say(words("sayReading"));
      speakFrom(0);
    }

    function doPause() {
      synth.pause();
      show("paused");
      say(words("sayPaused"));
    }

    function doResume() {
      synth.resume();
      show("speaking");
      say(words("sayReading"));
    }

    function doStop() {
      generation += 1;
      synth.cancel();
      show("stopped");
      say(words("sayStopped"));
    }

    play.addEventListener("click", function () {
      if (state === "paused") doResume();
      else if (state === "stopped") start();
    });
    pause.addEventListener("click", function () {
      if (state === "speaking") doPause();
      else if (state === "paused") doResume();
    });
    stop.addEventListener("click", doStop);
    rate.addEventListener("change", function () {
      // A sentence being spoken keeps its speed: start the current part again at the new one.
      if (state === "stopped") return;
      synth.cancel();
      if (synth.paused) synth.resume();
      show("speaking");
      say(words("sayReadingAt").replace("{speed}", rate.options[rate.selectedIndex].text.toLowerCase()));
      speakFrom(position);
    });
    control.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && state !== "stopped") doStop();
    });
    window.addEventListener("pagehide", function () {
      if (state !== "stopped") synth.cancel();
    });
    control.hidden = false;
  }

  document.querySelectorAll("[data-listen]").forEach(setUp);
})();
