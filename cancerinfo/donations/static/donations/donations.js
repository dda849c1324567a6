/* Progressive enhancement for the donate form: it works without this script. */
(function () {
  "use strict";
  var form = document.querySelector("[data-donate-form]");
  if (!form) { return; }
  var giftAid = form.querySelector("#id_gift_aid");
  var details = form.querySelector("#gift-aid-details");
  var other = form.querySelector("#id_other_amount");
  var otherRadio = form.querySelector("input[name='amount'][value='other']");
  var valueText = form.querySelector("[data-gift-aid-value]");

  function syncDetails() {
    if (!giftAid || !details) { return; }
    details.hidden = !giftAid.checked;
    giftAid.setAttribute("aria-expanded", giftAid.checked ? "true" : "false");
  }

  function pounds(value) {
    var whole = Math.round(value * 100) % 100 === 0;
    return "£" + value.toLocaleString("en-GB", { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
  }

  function chosenAmount() {
    var checked = form.querySelector("input[name='amount']:checked");
    var raw = checked && checked.value !== "other" ? checked.value : (other ? other.value : "");
    raw = String(raw).replace(/^£/, "").replace(/,/g, "").trim();
    if (!/^\d+(\.\d{1,2})?$/.test(raw)) { return null; }
    var value = parseFloat(raw);
    return value >= 2 && value <= 10000 ? value : null;
  }

  function syncValue() {
    var amount = chosenAmount();
    if (!valueText || amount === null) { return; }
    var strong = valueText.querySelector("strong");
    if (strong) { strong.textContent = "Your " + pounds(amount) + " becomes " + pounds(Math.round(amount * 125) / 100); }
  }

  if (giftAid && details && !details.querySelector(".donate-field--error")) {
    giftAid.addEventListener("change", syncDetails);
    syncDetails();
  }
  if (other && otherRadio) {
    other.addEventListener("input", function () { if (other.value) { otherRadio.checked = true; } syncValue(); });
  }
  form.addEventListener("change", syncValue);
})();
