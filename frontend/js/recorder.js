// Recording the participant's voice with the microphone, to hear it next to the model. The recording stays in the
// phone's memory (a blob: URL) and is never uploaded; it is thrown away with the exercise.

const LONGEST = 15_000; // a word or a short sentence; stops by itself so a forgotten recording ends

export function canRecord() {
  return Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder);
}

// Starts recording; resolves to {stop() -> Promise<url>} or rejects when there is no microphone or no permission.
export async function startRecording() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const recorder = new MediaRecorder(stream);
  const chunks = [];
  let timer = null;
  const stopped = new Promise((resolve) => {
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data && event.data.size) chunks.push(event.data);
    });
    recorder.addEventListener("stop", () => {
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      resolve(URL.createObjectURL(blob));
    });
  });
  recorder.start();
  const stop = () => {
    if (recorder.state !== "inactive") recorder.stop();
    return stopped;
  };
  timer = setTimeout(stop, LONGEST);
  return { stop, stopped };
}
