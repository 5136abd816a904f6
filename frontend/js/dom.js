// Tiny helpers to build the screens without a framework.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function show(...nodes) {
  const main = document.getElementById("app");
  main.replaceChildren(...nodes.flat(Infinity).filter((node) => node !== null && node !== undefined && node !== false));
  main.focus({ preventScroll: true });
}

// An icon or arrow beside words that already say it: screen readers skip it.
export function hidden(text) {
  return h("span", { "aria-hidden": "true" }, text);
}

// A "back" link at the top of a screen: an arrow and where it goes.
export function backLink(href, text) {
  return h("a", { class: "back", href }, hidden("←"), text);
}

export function errorLine(message) {
  return h("p", { class: "error", role: "alert" }, message);
}

export function wordCount(n) {
  return n === 1 ? "1 woord" : `${n} woorden`;
}
