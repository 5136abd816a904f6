// Screens by address (#woorden/schoonmaak): the phone's back button works and a reload keeps the place.

let notice = null;

// The current address without '#', split into parts: "#term/12/bewerken" -> ["term", "12", "bewerken"].
export function currentParts() {
  return location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
}

// A link target for h("a", { href: link("woorden", slug) }).
export function link(...parts) {
  return "#" + parts.map(encodeURIComponent).join("/");
}

// Go on without a way back to this screen (after saving a form, "back" should not open the form again).
export function replaceWith(...parts) {
  location.replace(link(...parts));
}

// A short message for the next screen ("Opgeslagen"), shown once.
export function setNotice(text) {
  notice = text;
}

export function takeNotice() {
  const text = notice;
  notice = null;
  return text;
}

// A link to the screen the address already names does not change the address, so nothing would happen: draw that
// screen again (e.g. "Terug" from a question shown over the home screen).
export function reopenIfHere(event) {
  const target = event.currentTarget.getAttribute("href");
  if (target === location.hash || (target === "#" && !location.hash)) {
    event.preventDefault();
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }
}
