// uPlot (frontend/vendor/uplot, MIT), loaded only by the screens that draw charts: a script tag and its styles
// added on demand, once; never part of the first load.

let loading = null;

export function loadUplot() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    if (!document.querySelector("link[data-uplot-css]")) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = "/static/vendor/uplot/uPlot.min.css";
      css.dataset.uplotCss = "";
      document.head.append(css);
    }
    const script = document.createElement("script");
    script.src = "/static/vendor/uplot/uPlot.iife.min.js";
    script.async = true;
    script.onload = () => (window.uPlot ? resolve(window.uPlot) : reject(new Error("uPlot did not load")));
    script.onerror = () => {
      loading = null;
      script.remove();
      reject(new Error("De grafiek kon niet laden."));
    };
    document.head.append(script);
  });
  return loading;
}
