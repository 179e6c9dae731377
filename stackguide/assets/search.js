// Search, as the page sees it. The search box's first focus (or key press) tells the search worker
// to load the records, so they are ready by the time the question is typed; text pasted or
// dictated into the box is searched as typed text is; see
// stackguide/assets/workers/search-worker.js. When nothing matches, the result list offers the catalog filter
// for the same words and the onboarding path instead of an empty list.
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const channel = new URL(config.search, location.href).searchParams.get("channel");
  const input = document.querySelector("[data-md-component=search-query]");
  const list = document.querySelector("[data-md-component=search-result] .md-search-result__list");
  const meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
  const none = document.getElementById("sg-search-none");
  if (!input || !list || !meta) return;

  if (channel) {
    // Said again until the worker answers "loaded": a worker that is not listening yet (its script
    // still on its way) would miss a single "load", and a channel is registered asynchronously.
    const warm = () => {
      const broadcast = new BroadcastChannel(channel);
      const again = setInterval(() => broadcast.postMessage("load"), 500);
      const stop = () => { clearInterval(again); broadcast.close(); };
      broadcast.onmessage = ({ data }) => data === "loaded" && stop();
      setTimeout(stop, 60000);
      broadcast.postMessage("load");
    };
    input.addEventListener("focus", warm, { once: true });
  }

  // Material asks its worker on "keyup" only, so text that arrives without a key (pasted with the
  // mouse, dropped, dictated, a phone keyboard's suggestion) would wait for the next key. Any
  // change of the text is passed on as a key release; Material asks once per distinct text.
  input.addEventListener("input", () => input.dispatchEvent(new KeyboardEvent("keyup")));

  // Material writes the result count, then the results; an empty list after that means no match.
  new MutationObserver(() => {
    const words = input.value.trim();
    if (!none || !words || list.children.length) return;
    const offer = none.content.firstElementChild.cloneNode(true);
    for (const link of offer.querySelectorAll("a[data-sg-href]")) {
      const url = new URL(link.dataset.sgHref, base);
      if (link.dataset.sgQuery) url.searchParams.set(link.dataset.sgQuery, words);
      link.href = url.href;
    }
    list.append(offer);
  }).observe(meta, { childList: true, characterData: true, subtree: true });
})();
