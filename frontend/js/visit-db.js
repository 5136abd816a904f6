// What a teacher's phone keeps for visits without a connection, in its own IndexedDB database (apart from the
// participants' practice store): the visits and words waiting to be sent (photos and recordings as Blobs), and the
// copies of the lists and workplaces that search and the visit form use offline. Survives closing the app.

const DB_NAME = "vaktaal-visits";
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
        // Visits made on this phone: {client_id (uuid), user, created, workplace {id, employer, site, sector}, date,
        // notes, participant_ids, participants [{id, name}], server_id (once sent), failed (the server's refusal)}.
        db.createObjectStore("visits", { keyPath: "client_id" }).createIndex("user", "user");
        // Words heard: {client_id, user, created, visit_client_id or visit_id, label, body (what is sent), photo,
        // recording (Blobs), server_id, photo_sent, recording_sent, failed, note (said to the teacher once sent)}.
        db.createObjectStore("observations", { keyPath: "client_id" }).createIndex("user", "user");
        // Copies by key: "<user>:terms", "<user>:workplaces" -> {key, fetched_at, value}.
        db.createObjectStore("copies", { keyPath: "key" });
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

export function put(store, record) {
  return tx([store], "readwrite", (t) => {
    t.objectStore(store).put(record);
  });
}

export function get(store, key) {
  return tx([store], "readonly", (t) => request(t.objectStore(store).get(key)));
}

export function remove(store, key) {
  return tx([store], "readwrite", (t) => {
    t.objectStore(store).delete(key);
  });
}

// A user's records of a store, oldest first (the order they are sent in).
export async function all(store, user) {
  const rows = await tx([store], "readonly", (t) =>
    request(t.objectStore(store).index("user").getAll(IDBKeyRange.only(user))),
  );
  return rows.sort((a, b) => a.created - b.created);
}

// Change one record in a single transaction: `change(record)` edits it (or returns false to leave it).
export function update(store, key, change) {
  return tx([store], "readwrite", async (t) => {
    const objects = t.objectStore(store);
    const record = await request(objects.get(key));
    if (record && change(record) !== false) objects.put(record);
    return record || null;
  });
}

export async function getCopy(key) {
  const row = await get("copies", key);
  return row || null;
}

export function setCopy(key, value) {
  return put("copies", { key, fetched_at: Date.now(), value });
}
