// Material's search worker, loaded only when the reader searches, and asked in a way that fits
// questions. Material's page script starts this worker on every page and sends it the search
// configuration (search/search_index.json holds no records). The records and Material's own
// worker (Lunr) are fetched on the first question, or as soon as the page reports that the search
// box has focus (a BroadcastChannel named in this script's address).
//
// Each question is rewritten before Material's worker sees it. Material matches every word as a
// prefix ("train" finds "Trainium" as well as "train"); here each word is also asked whole, with
// its stem, at a higher weight, so a whole word beats the prefix of a longer one. Each two
// neighbouring words are also asked as one pair token ("_speech_text"), which stackguide adds to
// a page's record for the phrases it declares, so word order counts. Common words are split off
// by the configured separator and never reach the query.
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's message types
const PREFIX = 1;  // weight of a word found as the start of a longer one
const WHOLE = 8;  // weight of a word found whole or by its stem, on top of its prefix match
const PAIR = 4;  // weight of two typed words that stand together in a page's names or questions
const MARK = "_";  // starts and joins a pair token (stackguide/searchindex.py writes the same)

const params = new URL(self.location.href).searchParams;
const sameOrigin = (name) => {
  const url = new URL(params.get(name) || "", self.location.href);
  if (url.origin !== self.location.origin) throw new Error(`search: ${name} must be on this site`);
  return url.href;
};
const ENGINE = sameOrigin("engine");
const RECORDS = sameOrigin("records");
const post = self.postMessage.bind(self);

let setupReceived;
const setupMessage = new Promise((resolve) => { setupReceived = resolve; });
let engine = null;  // a promise of ask(message) -> Material's reply
let latest = null;  // the newest question; older ones still waiting are dropped

// Material's worker runs inside this one: its message listener is kept, not registered, and its
// replies come back here instead of going to the page.
async function loadEngine() {
  const [setup, response] = await Promise.all([setupMessage, fetch(RECORDS)]);
  const { docs } = await response.json();
  let listener = null;
  const addEventListener = self.addEventListener;
  self.addEventListener = (type, handler, ...options) => {
    if (type === "message") listener = handler;
    else addEventListener.call(self, type, handler, ...options);
  };
  importScripts(ENGINE);
  self.addEventListener = addEventListener;
  const waiting = [];
  self.postMessage = (reply) => waiting.shift()(reply);
  const ask = (message) => new Promise((resolve) => {
    waiting.push(resolve);
    listener({ data: message });
  });
  await ask({ type: SETUP, data: { ...setup.data, docs } });
  return ask;
}

function start() {
  engine ??= loadEngine();
  return engine;
}

// The words Lunr would index in `text`, split by the configured separator, as stackguide splits them.
function words(text, separator) {
  return text.toLowerCase().split(separator)
    .map((word) => word.replace(/^\W+|\W+$/g, "").replace(/[*^~:+]/g, ""))
    .filter(Boolean);
}

function rewrite(question, separator) {
  const found = words(question, separator);
  const terms = found.flatMap((word) => [`${word}^${WHOLE}`, ...word.length > 1 ? [`${word}*^${PREFIX}`] : []]);
  for (let i = 1; i < found.length; i++) terms.push(`${MARK}${found[i - 1]}${MARK}${found[i]}^${PAIR}`);
  return { query: terms.join(" "), paired: found.length > 1 };
}

// Pair tokens are ours: they are not shown as words a result lacks, nor highlighted on the page.
function tidy(result) {
  for (const group of result.items)
    for (const doc of group)
      for (const term of Object.keys(doc.terms)) if (term.startsWith(MARK)) delete doc.terms[term];
  return result;
}

async function answer(question) {
  latest = question;
  if (!question.trim()) return post({ type: RESULT, data: { items: [] } });
  const ask = await start();
  if (latest !== question) return;
  const setup = await setupMessage;
  const separator = new RegExp(setup.data.config.separator, "g");
  const { query, paired } = rewrite(question, separator);
  const reply = await ask({ type: QUERY, data: query });
  const data = tidy(reply.data);
  if (paired && setup.data.options.suggest) {
    // Suggestions complete the words typed, as Material does; pair tokens would match no title.
    data.suggest = (await ask({ type: QUERY, data: question })).data.suggest;
  }
  post({ type: RESULT, data });
}

self.addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    setupReceived(message);
    post({ type: READY });
  } else if (message.type === QUERY) {
    answer(message.data);
  }
});

const channel = params.get("channel");
if (channel) new BroadcastChannel(channel).onmessage = () => { start(); };
