// Material's search worker, loaded only when the reader searches, and asked in a way that fits
// questions. Material's page script starts search-start.js on every page, which answers the
// search configuration (search/search_index.json holds no records) and loads this script only
// when the reader searches. The pages' records and Material's own
// worker (Lunr) are fetched on the first question, or as soon as the page reports that the search
// box has focus (on a BroadcastChannel named in this script's address); every other record right
// after, but it is indexed only once a first question has been answered and typing pauses.
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
const PAGES = sameOrigin("pages");
const RECORDS = sameOrigin("records");
const post = self.postMessage.bind(self);

let setupReceived;
const setupMessage = new Promise((resolve) => { setupReceived = resolve; });
let engine = null;  // a promise of ask(message) -> Material's reply, once the pages' own records are in
let complete = null;  // a promise that resolves once every record is in, sections included
let full = false;  // every record is in
let finish = null;  // starts indexing every record
let latest = null;  // the newest question; older ones still waiting are dropped

// Material's worker runs inside this one: its message listener is kept, not registered, and its
// replies come back here instead of going to the page, one message at a time. It first indexes
// the pages' own records (names, vocabulary, questions: enough to rank), so the first answer comes
// quickly; after that first answer, every record, sections included, and the question on screen
// is asked again.
async function loadEngine() {
  const setup = await setupMessage;
  // A build without stackguide's split (such as `make export`) sends every record with the setup.
  const inline = setup.data.docs.length ? setup.data.docs : null;
  const fetched = inline ? null : fetch(PAGES).then((response) => response.json());  // while Lunr loads
  let listener = null;
  const addEventListener = self.addEventListener;
  self.addEventListener = (type, handler, ...options) => {
    if (type === "message") listener = handler;
    else addEventListener.call(self, type, handler, ...options);
  };
  importScripts(ENGINE);
  self.addEventListener = addEventListener;
  let reply = null;
  self.postMessage = (message) => reply(message);
  let turn = Promise.resolve();
  const ask = (message) => {
    const answer = turn.then(() => new Promise((resolve) => {
      reply = resolve;
      listener({ data: message });
    }));
    turn = answer;
    return answer;
  };
  const pages = inline ? inline.filter((doc) => !doc.location.includes("#")).map(firstParagraph)
    : (await fetched).docs;
  await ask({ type: SETUP, data: { ...setup.data, docs: pages } });
  // The other records are fetched now, and indexed on the first answer; questions asked meanwhile
  // are answered from the pages'.
  const records = inline ? null : fetch(RECORDS).then((response) => response.json());
  finish = () => {
    complete ??= (async () => {
      const docs = inline ?? withFields((await records).docs, pages);
      await ask({ type: SETUP, data: { ...setup.data, docs } });
      full = true;
    })();
    return complete;
  };
  return ask;
}

// The whole records as the search plugin wrote them, each page's own with the ranking fields of its
// record in search/search_pages.json (stackguide/searchindex.py's with_fields does the same).
function withFields(docs, pages) {
  const byLocation = new Map(pages.map((page) => [page.location, page]));
  return docs.map((doc) => {
    const page = doc.location.includes("#") ? undefined : byLocation.get(doc.location);
    return page ? { ...page, ...doc } : doc;
  });
}

// A page's own record with the first paragraph of its text only (the summary a result shows), as
// stackguide/searchindex.py writes search/search_pages.json.
function firstParagraph(doc) {
  const end = doc.text.indexOf("</p>");
  return end < 0 ? doc : { ...doc, text: doc.text.slice(0, end + 4) };
}

function start() {
  engine ??= loadEngine();
  return engine;
}

// Lets the questions already sent arrive, so that only the newest is answered.
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

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

async function search(ask, question, before = null) {
  const setup = await setupMessage;
  const separator = new RegExp(setup.data.config.separator, "g");
  const { query, paired } = rewrite(question, separator);
  const data = tidy((await ask({ type: QUERY, data: query })).data);
  if (paired && setup.data.options.suggest) {
    // Suggestions complete the words typed, as Material does; pair tokens would match no title.
    data.suggest = (await ask({ type: QUERY, data: question })).data.suggest;
  }
  // Asked again once every record is in, the same answer is not sent twice: the list would be
  // drawn again under a reader who may already be moving through it.
  const sent = JSON.stringify(data);
  if (latest === question && sent !== before) post({ type: RESULT, data });
  return sent;
}

async function answer(question) {
  latest = question;
  asked = performance.now();
  if (!question.trim()) {
    engine?.then(() => finish());  // a question dropped while loading still leaves every record indexed
    return post({ type: RESULT, data: { items: [] } });
  }
  const ask = await start();
  await pause();
  if (latest !== question) return;
  const partial = !full;
  const first = await search(ask, question);
  if (partial) {
    await typingPaused();
    await finish();
    if (latest === question) await search(ask, question, first);
  }
}

// Indexing every record takes a while and cannot be interrupted: a question asked meanwhile waits
// for it. So it starts only once the reader has asked nothing new for PAUSE ms (each key press
// asks again), after the answer to what is in the box. At 4x CPU slowdown, from the last key to
// the right first result, over 22 questions each: typed, max 201 -> 165 ms; pasted, max 198 -> 203 ms.
const PAUSE = 400;
let asked = 0;  // when the newest question came, in performance.now() time
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function typingPaused() {
  for (let wait = PAUSE; wait > 0; wait = asked + PAUSE - performance.now()) await sleep(wait);
}

// The page says "load" when the search box gets focus; "loaded" answers once every record is in.
// Every record is indexed after a first answer and a pause in typing (see answer()), or QUIET ms
// after the focus and a pause: a question pasted the moment the box gets focus is answered from
// the pages' records instead of waiting.
const QUIET = 1000;
const channel = params.get("channel");
const broadcast = channel ? new BroadcastChannel(channel) : null;
let loading = null;  // a "load" said again while loading is the same load, answered once
function load() {
  loading ??= (async () => {
    await start();
    await sleep(QUIET);
    await typingPaused();
    await finish();
    broadcast?.postMessage("loaded");
  })();
  return loading;
}

// What search-start.js, the small worker every page starts, hands on when the reader searches:
// the setup it answered already, the questions, and the page's "load".
self.stackguideSearch = { setup: setupReceived, answer, load };
