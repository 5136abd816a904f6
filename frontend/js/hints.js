// Short instructions in Dutch with the same line in the participant's support language, right-to-left where that
// language is written so. The Dutch is the practice; the support line only helps. (Drafts: to be checked by native
// speakers, like the wordlists' translations.)

import { h } from "./dom.js";
import { LANGUAGES } from "./term-view.js";

// The support languages a participant can choose, in their own script.
export const NATIVE_NAMES = {
  ar: "العربية",
  ti: "ትግርኛ",
  en: "English",
  fa: "فارسی",
  uk: "Українська",
  tr: "Türkçe",
};

const HINTS = {
  listening: {
    nl: "Wat hoor je?",
    en: "What do you hear?",
    ar: "ماذا تسمع؟",
    ti: "እንታይ ትሰምዕ?",
    fa: "چه می‌شنوی؟",
    uk: "Що ти чуєш?",
    tr: "Ne duyuyorsun?",
  },
  reading: {
    nl: "Wat betekent dit?",
    en: "What does this mean?",
    ar: "ماذا يعني هذا؟",
    ti: "እዚ እንታይ ማለት እዩ?",
    fa: "این یعنی چه؟",
    uk: "Що це означає?",
    tr: "Bu ne demek?",
  },
  "reading-sound": {
    nl: "Lees. Welke zegt dit?",
    en: "Read. Which one says this?",
    ar: "اقرأ. أيّها يقول هذا؟",
    ti: "ኣንብብ። ኣየናይ እዩ ነዚ ዝብል?",
    fa: "بخوان. کدام این را می‌گوید؟",
    uk: "Прочитай. Який звук це каже?",
    tr: "Oku. Hangisi bunu söylüyor?",
  },
  writing: {
    nl: "Schrijf wat je hoort.",
    en: "Write what you hear.",
    ar: "اكتب ما تسمعه.",
    ti: "ዝሰማዕካዮ ጽሓፍ።",
    fa: "آنچه را می‌شنوی بنویس.",
    uk: "Напиши, що ти чуєш.",
    tr: "Duyduğunu yaz.",
  },
  speaking: {
    nl: "Zeg het in het Nederlands.",
    en: "Say it in Dutch.",
    ar: "قلها بالهولندية.",
    ti: "ብሆላንድኛ በሎ።",
    fa: "آن را به هلندی بگو.",
    uk: "Скажи це нідерландською.",
    tr: "Bunu Felemenkçe söyle.",
  },
  conversation: {
    nl: "Wat zeg je?",
    en: "What do you say?",
    ar: "ماذا تقول؟",
    ti: "እንታይ ትብል?",
    fa: "چه می‌گویی؟",
    uk: "Що ти скажеш?",
    tr: "Ne dersin?",
  },
  repeat: {
    nl: "Luister en zeg het na.",
    en: "Listen and repeat.",
    ar: "استمع وكرّر.",
    ti: "ስምዕ እሞ ድገሞ።",
    fa: "گوش کن و تکرار کن.",
    uk: "Слухай і повторюй.",
    tr: "Dinle ve tekrarla.",
  },
  judge: {
    nl: "Hoe ging het?",
    en: "How did it go?",
    ar: "كيف كان؟",
    ti: "ከመይ ነይሩ?",
    fa: "چطور بود؟",
    uk: "Як вийшло?",
    tr: "Nasıl gitti?",
  },
  record: {
    nl: "Tik op de microfoon en zeg het.",
    en: "Tap the microphone and say it.",
    ar: "اضغط على الميكروفون وقلها.",
    ti: "ነቲ ማይክሮፎን ጠውቕ እሞ በሎ።",
    fa: "روی میکروفون بزن و آن را بگو.",
    uk: "Натисни на мікрофон і скажи це.",
    tr: "Mikrofona dokun ve söyle.",
  },
};

// The short texts of the key screens (home, presentation, summary, offline and error notices), each the Dutch and
// the same in the support languages. Drafts, like the hints above.
const TEXTS = {
  practise: {
    nl: "Oefenen",
    en: "Practise",
    ar: "تدرّب",
    ti: "ተለማመድ",
    fa: "تمرین کن",
    uk: "Вправлятися",
    tr: "Alıştırma yap",
  },
  resume: {
    nl: "Ga verder waar je was",
    en: "Continue where you stopped",
    ar: "تابع من حيث توقفت",
    ti: "ካብ ዝኣቋረጽካዮ ቀጽል",
    fa: "از همان جا ادامه بده",
    uk: "Продовж, де зупинився",
    tr: "Kaldığın yerden devam et",
  },
  week: {
    nl: "Deze week",
    en: "This week",
    ar: "هذا الأسبوع",
    ti: "ኣብዚ ሰሙን",
    fa: "این هفته",
    uk: "Цього тижня",
    tr: "Bu hafta",
  },
  work: {
    nl: "Van mijn werk",
    en: "From my work",
    ar: "من عملي",
    ti: "ካብ ስራሕይ",
    fa: "از کار من",
    uk: "З моєї роботи",
    tr: "İşimden",
  },
  myWords: {
    nl: "Mijn woorden",
    en: "My words",
    ar: "كلماتي",
    ti: "ቃላተይ",
    fa: "کلمه‌های من",
    uk: "Мої слова",
    tr: "Kelimelerim",
  },
  myGoals: {
    nl: "Mijn doelen",
    en: "My goals",
    ar: "أهدافي",
    ti: "ዕላማታተይ",
    fa: "هدف‌های من",
    uk: "Мої цілі",
    tr: "Hedeflerim",
  },
  words: { nl: "Woorden", en: "Words", ar: "كلمات", ti: "ቃላት", fa: "کلمه‌ها", uk: "Слова", tr: "Kelimeler" },
  settings: {
    nl: "Instellingen",
    en: "Settings",
    ar: "الإعدادات",
    ti: "ምድላዋት",
    fa: "تنظیمات",
    uk: "Налаштування",
    tr: "Ayarlar",
  },
  newWord: {
    nl: "Nieuw woord",
    en: "New word",
    ar: "كلمة جديدة",
    ti: "ሓድሽ ቃል",
    fa: "کلمه‌ی جدید",
    uk: "Нове слово",
    tr: "Yeni kelime",
  },
  meet: {
    nl: "Kijk en luister. Daarna ga je oefenen.",
    en: "Look and listen. Then you practise.",
    ar: "انظر واستمع. بعد ذلك تتدرّب.",
    ti: "ርአ እሞ ስምዕ። ድሕሪኡ ክትለማመድ ኢኻ።",
    fa: "نگاه کن و گوش بده. بعد تمرین می‌کنی.",
    uk: "Дивись і слухай. Потім будеш вправлятися.",
    tr: "Bak ve dinle. Sonra alıştırma yaparsın.",
  },
  wellDone: {
    nl: "Goed zo!",
    en: "Well done!",
    ar: "أحسنت!",
    ti: "ጽቡቕ ገይርካ!",
    fa: "آفرین!",
    uk: "Молодець!",
    tr: "Aferin!",
  },
  learned: {
    nl: "Goed gedaan",
    en: "You got these right",
    ar: "أجبت عنها صحيحًا",
    ti: "እዚኣቶም ብቕኑዕ መሊስካ",
    fa: "این‌ها را درست جواب دادی",
    uk: "Ці слова ти знав",
    tr: "Bunları doğru yaptın",
  },
  again: {
    nl: "Nog een keer oefenen",
    en: "Practise these again",
    ar: "تدرّب عليها مرة أخرى",
    ti: "እዚኣቶም ደጊምካ ተለማመድ",
    fa: "این‌ها را دوباره تمرین کن",
    uk: "Повтори ці слова ще раз",
    tr: "Bunları tekrar çalış",
  },
  nowKnown: {
    nl: "Dit ken je nu",
    en: "You know these now",
    ar: "أصبحت تعرف هذه",
    ti: "ሕጂ እዚኣቶም ትፈልጦም",
    fa: "حالا این‌ها را بلدی",
    uk: "Тепер ти це знаєш",
    tr: "Artık bunları biliyorsun",
  },
  doneToday: {
    nl: "Klaar voor vandaag!",
    en: "Done for today!",
    ar: "انتهيت لهذا اليوم!",
    ti: "ንሎሚ ወዲእካ!",
    fa: "برای امروز تمام شد!",
    uk: "На сьогодні все!",
    tr: "Bugünlük bitti!",
  },
  doneForNow: {
    nl: "Alles geoefend voor nu",
    en: "All practised for now",
    ar: "تدرّبت على كل شيء الآن",
    ti: "ንሕጂ ኩሉ ተለማሚድካ",
    fa: "فعلاً همه را تمرین کردی",
    uk: "Поки що все повторено",
    tr: "Şimdilik hepsini çalıştın",
  },
  moreNew: {
    nl: "Meer nieuwe woorden",
    en: "More new words",
    ar: "كلمات جديدة أكثر",
    ti: "ተወሳኺ ሓደሽቲ ቃላት",
    fa: "کلمه‌های جدید بیشتر",
    uk: "Більше нових слів",
    tr: "Daha fazla yeni kelime",
  },
  soon: {
    nl: "Nu al herhalen",
    en: "Repeat words that come back soon",
    ar: "راجع كلمات ستعود قريبًا",
    ti: "ቀልጢፎም ዝምለሱ ቃላት ድገም",
    fa: "کلمه‌هایی را که به‌زودی برمی‌گردند تکرار کن",
    uk: "Повтори слова, які скоро повернуться",
    tr: "Yakında gelecek kelimeleri şimdi tekrarla",
  },
  roundAgain: {
    nl: "Nog een ronde",
    en: "One more round",
    ar: "جولة أخرى",
    ti: "ሓንቲ ዙር ደጊምካ",
    fa: "یک دور دیگر",
    uk: "Ще один раунд",
    tr: "Bir tur daha",
  },
  finish: { nl: "Klaar", en: "Done", ar: "انتهيت", ti: "ወዲአ", fa: "تمام", uk: "Готово", tr: "Bitti" },
  toStart: {
    nl: "Naar start",
    en: "To the start",
    ar: "إلى البداية",
    ti: "ናብ መጀመርታ",
    fa: "به صفحه‌ی اول",
    uk: "На початок",
    tr: "Başa dön",
  },
  next: { nl: "Verder", en: "Next", ar: "التالي", ti: "ቀጽል", fa: "بعدی", uk: "Далі", tr: "İleri" },
  offline: {
    nl: "Geen internet",
    en: "No internet",
    ar: "لا يوجد إنترنت",
    ti: "ኢንተርነት የለን",
    fa: "اینترنت نیست",
    uk: "Немає інтернету",
    tr: "İnternet yok",
  },
  offlineWait: {
    nl: "Oefenen kan zodra er verbinding is.",
    en: "You can practise when there is a connection.",
    ar: "يمكنك التدرّب عندما يتوفر الاتصال.",
    ti: "መራኸቢ ምስ ዝህሉ ክትለማመድ ትኽእል ኢኻ።",
    fa: "وقتی اتصال باشد می‌توانی تمرین کنی.",
    uk: "Вправлятися можна, коли буде зв'язок.",
    tr: "Bağlantı olunca alıştırma yapabilirsin.",
  },
  offlineFree: {
    nl: "Oefen met de woorden op je telefoon.",
    en: "Practise with the words on your phone.",
    ar: "تدرّب بالكلمات الموجودة على هاتفك.",
    ti: "ብቓላት ኣብ ተሌፎንካ ዘለዉ ተለማመድ።",
    fa: "با کلمه‌هایی که روی گوشی‌ات هست تمرین کن.",
    uk: "Вправляйся зі словами на телефоні.",
    tr: "Telefonundaki kelimelerle alıştırma yap.",
  },
  free: {
    nl: "Vrij oefenen",
    en: "Free practice",
    ar: "تدريب حر",
    ti: "ነጻ ልምምድ",
    fa: "تمرین آزاد",
    uk: "Вільна практика",
    tr: "Serbest alıştırma",
  },
  onPhone: {
    nl: "Je antwoorden staan op je telefoon. Ze gaan mee zodra er internet is.",
    en: "Your answers are saved on your phone. They are sent when there is internet.",
    ar: "إجاباتك محفوظة على هاتفك. سترسل عندما يتوفر الإنترنت.",
    ti: "መልስታትካ ኣብ ተሌፎንካ ተዓቂቦም ኣለዉ። ኢንተርነት ምስ ዝህሉ ይለኣኹ።",
    fa: "جواب‌هایت روی گوشی‌ات ذخیره شده‌اند. وقتی اینترنت باشد فرستاده می‌شوند.",
    uk: "Твої відповіді збережені на телефоні. Вони надішлються, коли буде інтернет.",
    tr: "Cevapların telefonunda kayıtlı. İnternet olunca gönderilecek.",
  },
  sent: {
    nl: "Je antwoorden zijn verstuurd.",
    en: "Your answers have been sent.",
    ar: "تم إرسال إجاباتك.",
    ti: "መልስታትካ ተላኢኾም።",
    fa: "جواب‌هایت فرستاده شدند.",
    uk: "Твої відповіді надіслано.",
    tr: "Cevapların gönderildi.",
  },
  error: {
    nl: "Er ging iets mis.",
    en: "Something went wrong. Try again.",
    ar: "حدث خطأ. حاول مرة أخرى.",
    ti: "ገለ ጌጋ ተፈጢሩ። ደጊምካ ፈትን።",
    fa: "مشکلی پیش آمد. دوباره امتحان کن.",
    uk: "Щось пішло не так. Спробуй ще раз.",
    tr: "Bir sorun oldu. Tekrar dene.",
  },
  legend: {
    nl: "Wat betekenen de tekens?",
    en: "What do the signs mean?",
    ar: "ماذا تعني الرموز؟",
    ti: "እዞም ምልክታት እንታይ ማለት እዮም?",
    fa: "این نشانه‌ها یعنی چه؟",
    uk: "Що означають знаки?",
    tr: "İşaretler ne anlama geliyor?",
  },
  howWell: {
    nl: "Hoe goed je het kent",
    en: "How well you know it",
    ar: "مدى معرفتك بها",
    ti: "ክንደይ ጽቡቕ ከም እትፈልጦ",
    fa: "چقدر آن را بلدی",
    uk: "Як добре ти це знаєш",
    tr: "Ne kadar iyi biliyorsun",
  },
  learnedMark: {
    nl: "Je herkent het woord, ook na een paar dagen.",
    en: "You recognise the word, even after a few days.",
    ar: "تتعرّف على الكلمة، حتى بعد بضعة أيام.",
    ti: "ነቲ ቃል ትፈልጦ ኢኻ፡ ድሕሪ ገለ መዓልታት እውን።",
    fa: "کلمه را می‌شناسی، حتی بعد از چند روز.",
    uk: "Ти впізнаєш слово навіть через кілька днів.",
    tr: "Kelimeyi birkaç gün sonra da tanıyorsun.",
  },
  tomorrow: {
    nl: "Morgen is er weer meer.",
    en: "Tomorrow there is more.",
    ar: "غدًا هناك المزيد.",
    ti: "ጽባሕ ተወሳኺ ኣሎ።",
    fa: "فردا باز هم هست.",
    uk: "Завтра буде ще.",
    tr: "Yarın yine var.",
  },
  close: { nl: "Sluiten", en: "Close", ar: "إغلاق", ti: "ዕጸው", fa: "بستن", uk: "Закрити", tr: "Kapat" },
  back: { nl: "Terug", en: "Back", ar: "رجوع", ti: "ተመለስ", fa: "برگشت", uk: "Назад", tr: "Geri" },
  logout: {
    nl: "Uitloggen",
    en: "Log out",
    ar: "تسجيل الخروج",
    ti: "ውጻእ",
    fa: "خروج",
    uk: "Вийти",
    tr: "Çıkış yap",
  },
  myData: {
    nl: "Jouw gegevens",
    en: "Your data",
    ar: "بياناتك",
    ti: "ሓበሬታኻ",
    fa: "اطلاعات تو",
    uk: "Твої дані",
    tr: "Bilgilerin",
  },
  notAllSent: {
    nl: "Nog niet alles is verstuurd",
    en: "Not everything has been sent yet",
    ar: "لم يُرسَل كل شيء بعد",
    ti: "ገና ኩሉ ኣይተላእከን",
    fa: "هنوز همه چیز فرستاده نشده",
    uk: "Ще не все надіслано",
    tr: "Henüz her şey gönderilmedi",
  },
  stayOnPhone: {
    nl: "Log je toch uit? Ze blijven op deze telefoon en gaan mee als je weer inlogt.",
    en: "If you log out, they stay on this phone and are sent when you log in again.",
    ar: "إذا خرجت، تبقى على هذا الهاتف وتُرسَل عندما تدخل مرة أخرى.",
    ti: "እንተ ወጺእካ፡ ኣብዚ ተሌፎን ይጸንሑ፡ ደጊምካ ምስ ኣተኻ ይለኣኹ።",
    fa: "اگر خارج شوی، روی این گوشی می‌مانند و وقتی دوباره وارد شوی فرستاده می‌شوند.",
    uk: "Якщо вийдеш, вони залишаться на цьому телефоні й надішлються, коли ти знову увійдеш.",
    tr: "Çıkış yaparsan bu telefonda kalırlar ve tekrar giriş yapınca gönderilirler.",
  },
  sendNow: {
    nl: "Nu versturen",
    en: "Send now",
    ar: "أرسل الآن",
    ti: "ሕጂ ስደድ",
    fa: "الان بفرست",
    uk: "Надіслати зараз",
    tr: "Şimdi gönder",
  },
  sendFailed: {
    nl: "Versturen lukt nu niet. Zoek internet en probeer het nog eens.",
    en: "Sending does not work now. Find internet and try again.",
    ar: "الإرسال لا يعمل الآن. ابحث عن إنترنت وحاول مرة أخرى.",
    ti: "ሕጂ ምልኣኽ ኣይሰርሕን። ኢንተርነት ድለ እሞ ደጊምካ ፈትን።",
    fa: "الان فرستادن نمی‌شود. اینترنت پیدا کن و دوباره امتحان کن.",
    uk: "Зараз надіслати не вдається. Знайди інтернет і спробуй ще раз.",
    tr: "Şimdi gönderilemiyor. İnternet bul ve tekrar dene.",
  },
  logoutAnyway: {
    nl: "Toch uitloggen",
    en: "Log out anyway",
    ar: "اخرج على أي حال",
    ti: "ብዘየገድስ ውጻእ",
    fa: "با این حال خارج شو",
    uk: "Все одно вийти",
    tr: "Yine de çıkış yap",
  },
};

// The skills and how well a word is known in each, as "Mijn woorden" and the summary show them.
export const SKILL_ICONS = { listening: "👂", reading: "👀", writing: "✍️", speaking: "🗣️", conversation: "💬" };

export const SKILL_NAMES = {
  listening: {
    nl: "luisteren",
    en: "listening",
    ar: "الاستماع",
    ti: "ምስማዕ",
    fa: "شنیدن",
    uk: "слухання",
    tr: "dinleme",
  },
  reading: { nl: "lezen", en: "reading", ar: "القراءة", ti: "ምንባብ", fa: "خواندن", uk: "читання", tr: "okuma" },
  writing: { nl: "schrijven", en: "writing", ar: "الكتابة", ti: "ምጽሓፍ", fa: "نوشتن", uk: "письмо", tr: "yazma" },
  speaking: {
    nl: "spreken",
    en: "speaking",
    ar: "التحدّث",
    ti: "ምዝራብ",
    fa: "صحبت کردن",
    uk: "говоріння",
    tr: "konuşma",
  },
  conversation: {
    nl: "gesprek",
    en: "conversation",
    ar: "المحادثة",
    ti: "ዝርርብ",
    fa: "گفتگو",
    uk: "розмова",
    tr: "sohbet",
  },
};

export const MASTERY_NAMES = {
  new: { nl: "nieuw", en: "new", ar: "جديدة", ti: "ሓድሽ", fa: "جدید", uk: "нове", tr: "yeni" },
  learning: {
    nl: "aan het leren",
    en: "learning",
    ar: "قيد التعلّم",
    ti: "ትመሃሮ ኣለኻ",
    fa: "در حال یادگیری",
    uk: "вчиш",
    tr: "öğreniyorsun",
  },
  known: { nl: "bekend", en: "known", ar: "تعرفها", ti: "ትፈልጦ", fa: "بلدی", uk: "знаєш", tr: "biliyorsun" },
  mastered: {
    nl: "goed bekend",
    en: "known well",
    ar: "تعرفها جيدًا",
    ti: "ጽቡቕ ትፈልጦ",
    fa: "خوب بلدی",
    uk: "добре знаєш",
    tr: "iyi biliyorsun",
  },
};

// The Dutch of a key screen's text.
export function nl(name) {
  return TEXTS[name].nl;
}

// The same text in the support language (for a line under the Dutch), or null for Dutch-only readers.
export function support(name, language, cls = "support", texts = TEXTS) {
  const text = language && language !== "nl" && texts[name] ? texts[name][language] : null;
  return text ? supportText(language, text, "span", cls) : null;
}

// The Dutch and, under it, the support language: for headings, buttons and notices.
export function both(name, language, texts = TEXTS) {
  return [
    h("span", { class: "both-nl", lang: "nl", dir: "ltr" }, texts[name].nl),
    support(name, language, "support both-support", texts),
  ];
}

export function isRtl(code) {
  return Boolean(LANGUAGES[code] && LANGUAGES[code].rtl);
}

// A line in a support language: its own lang and direction, so the Dutch around it stays left-to-right.
export function supportText(code, text, tag = "span", cls = "support") {
  if (!code || !text) return null;
  return h(tag, { class: cls, lang: code, dir: isRtl(code) ? "rtl" : "ltr" }, text);
}

// The Dutch instruction with, under it, the same in the support language (none for Dutch-only readers).
export function hint(name, language) {
  const texts = HINTS[name];
  return h(
    "p",
    { class: "ex-hint" },
    h("span", { class: "hint-nl", lang: "nl", dir: "ltr" }, texts.nl),
    language && language !== "nl" && texts[language]
      ? supportText(language, texts[language], "span", "hint-support")
      : null,
  );
}

export function hintText(name) {
  return HINTS[name].nl;
}
