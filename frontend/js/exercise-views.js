// The five exercise types, each the same shape: the prompt on top (sound, picture), the answers below, the button
// where the thumb is. Right and wrong are shown with a symbol and a colour and heard (a tone, then the word).
//
// Each view gets the exercise and a context: {language, audioFor(termId), answer(result, {hintUsed}),
// next(), progress: [done, total], stop(), help()}. `answer` stores the answer on the phone at once.

import { play, playButton, playThrough, stopSound } from "./audio.js";
import { h, hidden } from "./dom.js";
import { expectedTerm, gradeTyped } from "./grading.js";
import { hint, supportText } from "./hints.js";
import { canRecord, startRecording } from "./recorder.js";
import { feedbackTone } from "./sounds.js";

const SYMBOLS = { correct: "✓", slip: "≈", wrong: "✗" };

function header(ctx) {
  const [done, total] = ctx.progress;
  const bar = h("span", { class: "ex-bar" });
  bar.dataset.step = String(Math.round((done / Math.max(total, 1)) * 20));
  return h(
    "div",
    { class: "ex-header" },
    h("button", { type: "button", class: "icon-button", "aria-label": "Stoppen", onclick: ctx.stop }, hidden("✕")),
    h(
      "span",
      {
        class: "ex-progress",
        role: "progressbar",
        "aria-label": "Oefening",
        "aria-valuemin": "0",
        "aria-valuemax": String(total),
        "aria-valuenow": String(done),
        "aria-valuetext": `${done + 1} van ${total}`,
      },
      bar,
    ),
    h("button", { type: "button", class: "icon-button help", "aria-label": "Uitleg", onclick: ctx.help }, hidden("?")),
  );
}

function screen(exercise, ctx, ...parts) {
  return h(
    "section",
    { class: `exercise ex-${exercise.type}`, "data-type": exercise.type, "data-card": String(exercise.card_id) },
    h("h1", { class: "sr-only" }, "Oefening"),
    header(ctx),
    parts,
  );
}

function bigPlay(url, text, label = "Nog een keer luisteren") {
  const button = playButton(url, text, label);
  button.classList.add("play-big");
  return button;
}

function dutch(text, cls = "") {
  return h("span", { class: cls, lang: "nl", dir: "ltr" }, text);
}

function emojiBig(emoji) {
  return emoji ? h("div", { class: "ex-emoji", "aria-hidden": "true" }, emoji) : null;
}

// The feedback panel that takes the place of the buttons: symbol, colour, words, the right answer to hear again.
function feedback(actions, result, { title, answerNode, answerUrl, answerText, after, nextLabel = "Verder" }, ctx) {
  const symbol = SYMBOLS[result];
  const next = h(
    "button",
    { type: "button", class: "primary big", id: "next", onclick: () => ctx.next() },
    nextLabel,
    hidden(" ➜"),
  );
  actions.className = "ex-actions";
  const section = actions.closest(".exercise");
  if (section) section.classList.add("answered");
  actions.replaceChildren(
    h(
      "div",
      { class: `feedback ${result}`, role: "status" },
      h("p", { class: "fb-title" }, h("span", { class: "fb-symbol", "aria-hidden": "true" }, symbol), title),
      answerNode
        ? h("p", { class: "fb-answer" }, answerUrl !== undefined ? playButton(answerUrl, answerText) : null, answerNode)
        : null,
      after || null,
    ),
    next,
  );
  next.focus({ preventScroll: true });
  feedbackTone(result).then(() => {
    if (answerUrl !== undefined || answerText) playThrough(answerUrl, answerText);
  });
}

const TITLES = { correct: "Goed zo!", slip: "Bijna goed!", wrong: "Het goede antwoord is:" };

// A meaning in the support language; the Dutch itself when an exercise names no language (never an empty button).
function meaning(code, text, cls) {
  return code ? supportText(code, text, "span", cls) : dutch(text, cls);
}

// Listening, reading and the first step of conversation: pick one of up to four answers, then check.
function choice(exercise, { options, optionContent, onChecked, checkLabel = "Controleer" }) {
  let selected = null;
  const right = exercise.answer.option_id;
  const check = h(
    "button",
    { type: "button", class: "primary big", id: "check", disabled: true },
    hidden("✔ "),
    checkLabel,
  );
  const actions = h("div", { class: "ex-actions" }, check);
  const kind = exercise.options_kind;
  const buttons = options.map((option) => {
    const button = h(
      "button",
      {
        type: "button",
        class: `option option-${kind}`,
        "aria-pressed": "false",
        "data-option": String(option.id),
        onclick: () => {
          if (check.dataset.done) return;
          selected = option.id;
          for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
          check.disabled = false;
          if (kind === "word" || kind === "phrase" || kind === "sound") play(option.audio_url, option.label);
        },
      },
      optionContent(option),
      h("span", { class: "option-mark", "aria-hidden": "true" }),
    );
    return button;
  });
  check.addEventListener("click", () => {
    if (selected === null || check.dataset.done) return;
    check.dataset.done = "1";
    const result = selected === right ? "correct" : "wrong";
    for (const button of buttons) {
      const id = Number(button.dataset.option);
      button.disabled = true;
      if (id === right) button.classList.add("is-right");
      else if (id === selected) button.classList.add("is-wrong");
      const mark = button.querySelector(".option-mark");
      mark.textContent = id === right ? "✓" : id === selected ? "✗" : "";
    }
    if (kind === "sound") {
      // Now the sounds may be read: each shows the word it said.
      for (const button of buttons) {
        const option = options.find((o) => o.id === Number(button.dataset.option));
        button.append(dutch(option.label, "option-reveal"));
      }
    }
    onChecked(result, actions);
  });
  const list = h("div", { class: `options options-${kind}`, role: "group", "aria-label": "Antwoorden" }, buttons);
  return { list, actions };
}

function listening(exercise, ctx) {
  const emoji = exercise.options_kind === "emoji";
  const url = exercise.prompt.audio_url;
  const rightOption = exercise.options.find((o) => o.id === exercise.answer.option_id);
  const { list, actions } = choice(exercise, {
    options: exercise.options,
    optionContent: (o) =>
      emoji
        ? [
            h("span", { class: "option-emoji", "aria-hidden": "true" }, o.emoji),
            h("span", { class: "sr-only", lang: "nl" }, o.label),
          ]
        : dutch(o.label, "option-text"),
    onChecked: (result, actionsBox) => {
      ctx.answer(result);
      feedback(
        actionsBox,
        result,
        {
          title: TITLES[result],
          answerNode: [emoji ? hidden(`${rightOption.emoji} `) : null, dutch(rightOption.label, "fb-word")],
          answerUrl: url,
          answerText: rightOption.label,
        },
        ctx,
      );
    },
  });
  const node = screen(
    exercise,
    ctx,
    hint("listening", ctx.language),
    h("div", { class: "ex-prompt" }, bigPlay(url, rightOption.label)),
    list,
    actions,
  );
  ctx.autoplay = () => play(url, rightOption.label);
  return node;
}

// Reading: read the Dutch, then pick its picture, its meaning, or the sound that says it. (A session fetched by an
// older version may hold a "word" form without text: then the word is heard and the written word picked.)
function reading(exercise, ctx) {
  const kind = exercise.options_kind;
  const code = exercise.language;
  const rightOption = exercise.options.find((o) => o.id === exercise.answer.option_id);
  const text = exercise.prompt.text || rightOption.label;
  const heard = !exercise.prompt.text;
  const answerUrl = exercise.answer.audio_url || ctx.audioFor(exercise.term_id);
  let number = 0;
  const optionContent = (o) => {
    if (kind === "emoji") {
      return [
        h("span", { class: "option-emoji", "aria-hidden": "true" }, o.emoji),
        o.label ? supportText(code, o.label, "span", "option-support") : null,
      ];
    }
    if (kind === "sound") {
      number += 1;
      return [
        h("span", { class: "option-sound", "aria-hidden": "true" }, "🔊"),
        h("span", { class: "option-number" }, h("span", { class: "sr-only" }, "Geluid "), String(number)),
      ];
    }
    if (kind === "word") return dutch(o.label, "option-text");
    return meaning(code, o.label, "option-text");
  };
  const { list, actions } = choice(exercise, {
    options: exercise.options,
    optionContent,
    onChecked: (result, actionsBox) => {
      ctx.answer(result);
      feedback(
        actionsBox,
        result,
        {
          title: TITLES[result],
          answerNode: [
            kind === "emoji" ? hidden(`${rightOption.emoji} `) : null,
            dutch(text, "fb-word"),
            kind !== "sound" && kind !== "word" && rightOption.label && code
              ? [" ", supportText(code, rightOption.label, "span", "fb-support")]
              : null,
          ],
          answerUrl,
          answerText: text,
        },
        ctx,
      );
    },
  });
  if (heard) ctx.autoplay = () => play(exercise.prompt.audio_url, text);
  return screen(
    exercise,
    ctx,
    hint(kind === "sound" ? "reading-sound" : heard ? "listening" : "reading", ctx.language),
    h(
      "div",
      { class: "ex-prompt" },
      heard ? bigPlay(exercise.prompt.audio_url, text) : h("p", { class: "ex-word", lang: "nl", dir: "ltr" }, text),
    ),
    list,
    actions,
  );
}

// The Dutch with the article marked, for an article slip.
function markedAnswer(answer, slip) {
  const { article, term } = expectedTerm(answer);
  if (slip === "article" && article) return [h("mark", {}, article), " ", term];
  return [answer.text];
}

function writing(exercise, ctx) {
  const { prompt, answer } = exercise;
  let hintUsed = false;
  const input = h("input", {
    id: "typed",
    type: "text",
    class: "typed",
    lang: "nl",
    dir: "ltr",
    autocomplete: "off",
    autocapitalize: "off",
    autocorrect: "off",
    spellcheck: "false",
    enterkeyhint: "done",
    "aria-label": "Schrijf het woord",
  });
  const expected = expectedTerm(answer);
  const hintButton = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        hintUsed = true;
        const first = Array.from(answer.term)[0] || "";
        input.placeholder = expected.pos === "noun" ? `${expected.article} ${first}…` : `${first}…`;
        hintButton.disabled = true;
        input.focus();
      },
    },
    hidden("💡 "),
    "Hint",
  );
  const check = h("button", { type: "button", class: "primary", id: "check" }, hidden("✔ "), "Controleer");
  const actions = h("div", { class: "ex-actions two" }, hintButton, check);
  const submit = () => {
    if (check.dataset.done || !input.value.trim()) {
      input.focus();
      return;
    }
    check.dataset.done = "1";
    input.readOnly = true;
    const [result, slip] = gradeTyped(expected, input.value);
    input.classList.add(`typed-${result}`);
    const title =
      result === "correct"
        ? TITLES.correct
        : slip === "article"
          ? "Bijna! Let op: de of het."
          : result === "slip"
            ? "Bijna! Zo schrijf je het:"
            : TITLES.wrong;
    ctx.answer(result, { hintUsed });
    feedback(
      actions,
      result,
      {
        title,
        answerNode: dutch(markedAnswer(answer, slip), "fb-word"),
        answerUrl: prompt.audio_url,
        answerText: answer.text,
      },
      ctx,
    );
  };
  check.addEventListener("click", submit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    }
  });
  ctx.autoplay = () => play(prompt.audio_url, answer.text);
  return screen(
    exercise,
    ctx,
    hint("writing", ctx.language),
    h(
      "div",
      { class: "ex-prompt" },
      h("div", { class: "ex-prompt-row" }, bigPlay(prompt.audio_url, answer.text), emojiBig(prompt.emoji)),
      prompt.translation ? h("p", { class: "ex-meaning" }, supportText(exercise.language, prompt.translation)) : null,
    ),
    h("div", { class: "ex-input" }, input),
    actions,
  );
}

// Record, hear yourself next to the model, and say how it went (goed / bijna / nog niet).
function sayIt(box, actions, { modelUrl, text, language, onJudged, judge = true }) {
  let ownUrl = null;
  let recording = null;
  const status = h("div", { class: "say-status", role: "status" });
  const mic = h(
    "button",
    { type: "button", class: "mic", id: "record", "aria-label": "Opnemen", "aria-pressed": "false" },
    hidden("🎙️"),
  );

  function compare() {
    const own = ownUrl ? playButton(ownUrl, text, "Luister naar jezelf") : null;
    if (own) {
      own.classList.add("play-own");
      own.replaceChildren(hidden("▶️"));
    }
    box.replaceChildren(
      h("p", { class: "say-word" }, dutch(text)),
      h(
        "div",
        { class: "compare" },
        h(
          "div",
          { class: "compare-item" },
          playButton(modelUrl, text, "Luister naar het voorbeeld"),
          h("span", {}, "Voorbeeld"),
        ),
        own ? h("div", { class: "compare-item" }, own, h("span", {}, "Jij")) : null,
        h(
          "div",
          { class: "compare-item" },
          h(
            "button",
            { type: "button", class: "play again", "aria-label": "Opnieuw opnemen", onclick: () => restart() },
            hidden("🎙️"),
          ),
          h("span", {}, "Opnieuw"),
        ),
      ),
    );
    if (!judge) {
      onJudged(null);
      return;
    }
    const judgeButton = (result, symbol, label) =>
      h(
        "button",
        { type: "button", class: `judge ${result}`, "data-result": result, onclick: () => onJudged(result) },
        h("span", { class: "judge-symbol", "aria-hidden": "true" }, symbol),
        label,
      );
    actions.className = "ex-actions judges";
    actions.replaceChildren(
      hint("judge", language),
      judgeButton("correct", "✓", "Goed"),
      judgeButton("slip", "≈", "Bijna"),
      judgeButton("wrong", "✗", "Nog niet"),
    );
    // The model first, then your own voice: compare them.
    playThrough(modelUrl, text).then(() => {
      if (ownUrl) play(ownUrl, text);
    });
  }

  function restart() {
    stopSound();
    ownUrl = null;
    actions.className = "ex-actions";
    actions.replaceChildren();
    box.replaceChildren(mic, status);
    mic.setAttribute("aria-pressed", "false");
    mic.setAttribute("aria-label", "Opnemen");
    mic.classList.remove("recording");
    status.replaceChildren(hint("record", language));
  }

  mic.addEventListener("click", async () => {
    if (recording) {
      const stopping = recording;
      recording = null;
      ownUrl = await stopping.stop();
      compare();
      return;
    }
    stopSound();
    try {
      recording = await startRecording();
      mic.classList.add("recording");
      mic.setAttribute("aria-pressed", "true");
      mic.setAttribute("aria-label", "Stop opnemen");
      status.replaceChildren(dutch("Zeg het nu. Tik nog een keer als je klaar bent."));
      recording.stopped.then((url) => {
        // Stopped by itself (a long silence of the participant): go on to comparing.
        if (recording) {
          recording = null;
          ownUrl = url;
          compare();
        }
      });
    } catch {
      status.replaceChildren(dutch("Opnemen lukt niet op deze telefoon. Zeg het hardop."));
      ownUrl = null;
      setTimeout(compare, 1200);
    }
  });

  if (!canRecord()) {
    box.replaceChildren(status);
    status.replaceChildren(dutch("Zeg het hardop."));
    setTimeout(compare, 1500);
  } else {
    restart();
  }
  return () => {
    // Forget the recording first: a comparison still waiting for the model to end must not play it once revoked.
    const url = ownUrl;
    ownUrl = null;
    if (!url || !url.startsWith("blob:")) return;
    const audio = document.getElementById("player");
    if (audio && audio.getAttribute("src") === url) {
      audio.pause();
      audio.removeAttribute("src");
    }
    URL.revokeObjectURL(url);
  };
}

function speaking(exercise, ctx) {
  const { prompt, answer } = exercise;
  const box = h("div", { class: "say" });
  const actions = h("div", { class: "ex-actions" });
  // Without a picture or a meaning there is nothing to say it from: then hear it and say it after.
  const repeat = !prompt.emoji && !prompt.translation;
  const heardUrl = prompt.audio_url || answer.model_audio_url;
  const node = screen(
    exercise,
    ctx,
    hint(repeat ? "repeat" : "speaking", ctx.language),
    h(
      "div",
      { class: "ex-prompt" },
      repeat ? bigPlay(heardUrl, answer.text, "Luister") : emojiBig(prompt.emoji),
      prompt.translation ? h("p", { class: "ex-meaning" }, supportText(exercise.language, prompt.translation)) : null,
    ),
    box,
    actions,
  );
  if (repeat) ctx.autoplay = () => play(heardUrl, answer.text);
  ctx.cleanup = sayIt(box, actions, {
    modelUrl: answer.model_audio_url,
    text: answer.text,
    language: ctx.language,
    onJudged: (result) => {
      for (const b of actions.querySelectorAll("button")) b.disabled = true;
      ctx.answer(result).then(() => feedbackTone(result).then(() => ctx.next()));
    },
  });
  return node;
}

// A work situation (the example with the phrase left out, or the phrase's meaning), or, for a phrase without one, the
// phrase heard; choose the phrase, then say it. Without options (no fair choice in the pool) it is said straight away.
function conversation(exercise, ctx) {
  const { prompt, answer } = exercise;
  const right = exercise.options.find((o) => o.id === answer.option_id);
  const phrase = answer.text || (right ? right.label : "");
  const modelUrl = answer.model_audio_url;
  const isTranslation = Boolean(prompt.situation) && prompt.situation === prompt.translation;
  const heard = !prompt.situation;
  const heardUrl = prompt.audio_url || modelUrl;
  let content;
  if (heard) content = bigPlay(heardUrl, phrase);
  else if (isTranslation)
    content = h("div", { class: "bubble" }, supportText(exercise.language, prompt.situation, "p", "ex-situation"));
  // Never the meaning of the answer next to a Dutch situation: it would give the answer away.
  else
    content = h(
      "div",
      { class: "bubble" },
      playButton(null, prompt.situation.replace("…", "..."), "Luister naar de situatie"),
      h("p", { class: "ex-situation", lang: "nl", dir: "ltr" }, prompt.situation),
    );
  const promptBox = h("div", { class: "ex-prompt situation" }, content);
  const box = h("div", { class: "say", hidden: true });
  if (heard) ctx.autoplay = () => play(heardUrl, phrase);

  // Say the phrase and compare it with the model; `judge` false after a wrong choice (already stored).
  function sayNow(actionsBox, list, judge) {
    stopSound();
    if (list) list.hidden = true;
    promptBox.classList.add("small");
    box.hidden = false;
    actionsBox.replaceChildren();
    ctx.cleanup = sayIt(box, actionsBox, {
      modelUrl,
      text: phrase,
      language: ctx.language,
      judge,
      onJudged: (judged) => {
        if (judged === null) {
          // Chose wrong (already stored): saying it is practice only.
          actionsBox.replaceChildren(
            h(
              "button",
              { type: "button", class: "primary big", id: "next", onclick: () => ctx.next() },
              "Verder",
              hidden(" ➜"),
            ),
          );
          return;
        }
        for (const b of actionsBox.querySelectorAll("button")) b.disabled = true;
        ctx.answer(judged).then(() => feedbackTone(judged).then(() => ctx.next()));
      },
    });
  }

  if (!exercise.options.length) {
    const actions = h("div", { class: "ex-actions" });
    const node = screen(exercise, ctx, hint(heard ? "repeat" : "conversation", ctx.language), promptBox, box, actions);
    sayNow(actions, null, true);
    return node;
  }

  const { list, actions } = choice(exercise, {
    options: exercise.options,
    optionContent: (o) => dutch(o.label, "option-text"),
    onChecked: (result, actionsBox) => {
      const sayButton = h(
        "button",
        { type: "button", class: "primary big", id: "say-now" },
        hidden("🎙️ "),
        "Zeg het nu",
      );
      actionsBox.replaceChildren(
        h(
          "div",
          { class: `feedback ${result}`, role: "status" },
          h(
            "p",
            { class: "fb-title" },
            h("span", { class: "fb-symbol", "aria-hidden": "true" }, SYMBOLS[result]),
            TITLES[result],
          ),
          h(
            "p",
            { class: "fb-answer" },
            playButton(answer.example_audio_url || modelUrl, phrase),
            dutch(phrase, "fb-word"),
          ),
        ),
        sayButton,
      );
      actionsBox.closest(".exercise").classList.add("answered");
      // A wrong choice is the answer (stored now); a right one is judged after saying it.
      if (result === "wrong") ctx.answer("wrong");
      // The example plays after choosing: the phrase in its situation.
      feedbackTone(result).then(() => playThrough(answer.example_audio_url || modelUrl, phrase));
      sayButton.focus({ preventScroll: true });
      sayButton.addEventListener("click", () => sayNow(actionsBox, list, result === "correct"));
    },
  });
  return screen(exercise, ctx, hint(heard ? "listening" : "conversation", ctx.language), promptBox, list, box, actions);
}

const VIEWS = { listening, reading, writing, speaking, conversation };

export function exerciseView(exercise, ctx) {
  const view = VIEWS[exercise.type];
  return view ? view(exercise, ctx) : null;
}
