// What the phone keeps in IndexedDB, per participant: the outbox of answers not yet sent, the current and the next
// session, and every card it has held (for practice without a connection). Survives closing the app.

const DB_NAME = "vaktaal";
const VERSION = 1;

let opening = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    tx.onerror = () => reject(tx.error);
  });
}

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        // Answers waiting to be sent: {id (uuid), user, event}.
        db.createObjectStore("outbox", { keyPath: "id" }).createIndex("user", "user");
        // Small records by key: "<user>:current", "<user>:next".
        db.createObjectStore("state", { keyPath: "key" });
        // Every exercise the phone held: {key "<user>:<card_id>", user, card_id, exercise, term, last_answered_at,
        // mastery}: `term` as the session showed it, `mastery` as the server last said after an answer.
        db.createObjectStore("cards", { keyPath: "key" }).createIndex("user", "user");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opening = null;
        reject(req.error);
      };
    });
  }
  return opening;
}

async function tx(stores, mode, work) {
  const db = await open();
  const t = db.transaction(stores, mode);
  const finished = done(t);
  const result = await work(t);
  await finished;
  return result;
}

export function getState(key) {
  return tx(["state"], "readonly", async (t) => {
    const row = await request(t.objectStore("state").get(key));
    return row ? row.value : null;
  });
}

export function setState(key, value) {
  return tx(["state"], "readwrite", (t) => {
    t.objectStore("state").put({ key, value });
  });
}

export function deleteState(key) {
  return tx(["state"], "readwrite", (t) => {
    t.objectStore("state").delete(key);
  });
}

// One answer given: the event goes into the outbox, the session moves on and the card remembers when it was
// answered, all in one transaction (closing the app in between loses nothing and doubles nothing).
export function saveAnswer(user, event, current) {
  return tx(["outbox", "state", "cards"], "readwrite", async (t) => {
    t.objectStore("outbox").put({ id: event.id, user, event });
    t.objectStore("state").put({ key: `${user}:current`, value: current });
    const cards = t.objectStore("cards");
    const key = `${user}:${event.card_id}`;
    const row = await request(cards.get(key));
    if (row) {
      row.last_answered_at = event.answered_at;
      cards.put(row);
    }
  });
}

export function outbox(user, limit = 500) {
  return tx(["outbox"], "readonly", async (t) => {
    const rows = await request(t.objectStore("outbox").index("user").getAll(IDBKeyRange.only(user), limit));
    return rows.map((row) => row.event);
  });
}

export function outboxCount(user) {
  return tx(["outbox"], "readonly", (t) =>
    request(t.objectStore("outbox").index("user").count(IDBKeyRange.only(user))),
  );
}

// Answers waiting for anyone who logged in on this phone (shown on the login screen).
export function outboxTotal() {
  return tx(["outbox"], "readonly", (t) => request(t.objectStore("outbox").count()));
}

export function removeFromOutbox(ids) {
  return tx(["outbox"], "readwrite", (t) => {
    const store = t.objectStore("outbox");
    for (const id of ids) store.delete(id);
  });
}

// Keep a session's exercises as cards this phone holds (the newest version of each card wins), each with its term
// as the session shows it (for free practice's summary).
export function holdCards(user, exercises, terms = []) {
  const byTerm = new Map(terms.map((term) => [term.term_id, term]));
  return tx(["cards"], "readwrite", async (t) => {
    const cards = t.objectStore("cards");
    for (const exercise of exercises) {
      const key = `${user}:${exercise.card_id}`;
      const row = await request(cards.get(key));
      cards.put({
        key,
        user,
        card_id: exercise.card_id,
        exercise,
        term: byTerm.get(exercise.term_id) || (row && row.term) || null,
        last_answered_at: row ? row.last_answered_at : null,
        mastery: exercise.mastery || (row && row.mastery) || null,
      });
    }
  });
}

// What the server said about cards after their answers (sync): remember each held card's mastery, so the summary
// can tell which skills moved.
export function noteCards(user, views) {
  return tx(["cards"], "readwrite", async (t) => {
    const cards = t.objectStore("cards");
    for (const view of views) {
      const row = await request(cards.get(`${user}:${view.card_id}`));
      if (row) {
        row.mastery = view.mastery;
        cards.put(row);
      }
    }
  });
}

export function heldCards(user) {
  return tx(["cards"], "readonly", (t) => request(t.objectStore("cards").index("user").getAll(IDBKeyRange.only(user))));
}
