// The search worker Material's page script starts on every page, kept small: it answers the setup
// (the configuration; search/search_index.json holds no records) and loads search-worker.js, which
// fetches the records and asks Material's own worker, only when the reader searches: on a first
// question, or when the page reports that the search box has focus (on the BroadcastChannel named
// in this script's address).
"use strict";

{  // a block: search-worker.js, loaded into this scope, declares its own names
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's message types
  const params = new URL(self.location.href).searchParams;
  let setup = null;
  let search = null;

  function loaded() {
    if (!search) {
      importScripts(new URL(`search-worker.js?${params}`, self.location.href).href);
      search = self.stackguideSearch;
      if (setup) search.setup(setup);
    }
    return search;
  }

  self.addEventListener("message", ({ data: message }) => {
    if (message.type === SETUP) {
      setup = message;
      search?.setup(message);
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      if (search || message.data.trim()) loaded().answer(message.data);
      else self.postMessage({ type: RESULT, data: { items: [] } });  // an empty box, before any search
    }
  });

  const channel = params.get("channel");
  // Only the page's "load": the channel also carries this worker's own "loaded".
  if (channel) new BroadcastChannel(channel).onmessage = ({ data }) => data === "load" && loaded().load();
}
