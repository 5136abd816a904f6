"""What a participant is told about their data, and what each consent asks: plain Dutch (A2) and the support languages.

Each block is one topic with an icon: a title and a few short sentences, one idea each. The Dutch is read aloud by
the app's own text-to-speech; the other languages by the phone's voice.

The translations are DRAFTS written by the developers: a translator of each language must check them (as with the
wordlists' translations) before the notice is used with participants. ``{months}`` is the retention period.
"""

from dataclasses import dataclass

from vaktaal.privacy import ConsentPurpose
from vaktaal.roles import SUPPORT_LANGUAGES

LANGUAGES = ("nl", *SUPPORT_LANGUAGES)
RTL = frozenset(code for code, (_, _, rtl) in SUPPORT_LANGUAGES.items() if rtl)


@dataclass(frozen=True)
class Text:
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """One topic of the notice (or one consent's question), in every language."""

    key: str
    icon: str
    texts: dict[str, Text]

    def text(self, language: str) -> Text:
        return self.texts[language]


def _block(key: str, icon: str, **texts: tuple[str, list[str]]) -> Block:
    return Block(key, icon, {language: Text(title, tuple(lines)) for language, (title, lines) in texts.items()})


NOTICE = (
    _block(
        "stored",
        "🗂️",
        nl=(
            "Wat bewaren wij?",
            [
                "Wij bewaren je naam.",
                "Wij bewaren je talen, je sector, je leerroute en je startdatum.",
                "Wij bewaren de woorden die je oefent. En je antwoorden.",
                "Wij bewaren wat je docent hoorde op je werk.",
                "Wij bewaren niets over je gezondheid, je geld of je familie.",
            ],
        ),
        en=(
            "What do we keep?",
            [
                "We keep your name.",
                "We keep your languages, your sector, your learning route and your start date.",
                "We keep the words you practise. And your answers.",
                "We keep what your teacher heard at your work.",
                "We keep nothing about your health, your money or your family.",
            ],
        ),
        ar=(
            "ماذا نحفظ؟",
            [
                "نحفظ اسمك.",
                "نحفظ لغاتك وقطاع عملك ومسارك التعليمي وتاريخ بدايتك.",
                "نحفظ الكلمات التي تتدرّب عليها. وإجاباتك.",
                "نحفظ ما سمعه معلّمك في مكان عملك.",
                "لا نحفظ شيئًا عن صحتك أو مالك أو عائلتك.",
            ],
        ),
        ti=(
            "እንታይ ንዕቅብ?",
            [
                "ስምካ ንዕቅብ።",
                "ቋንቋታትካ፣ ዘርፍኻ፣ መንገዲ ትምህርትኻን ዝጀመርካሉ ዕለትን ንዕቅብ።",
                "እትለማመዶም ቃላትን መልስታትካን ንዕቅብ።",
                "መምህርካ ኣብ ስራሕካ ዝሰምዖ ንዕቅብ።",
                "ብዛዕባ ጥዕናኻ፣ ገንዘብካ ወይ ስድራኻ ዋላ ሓደ ነገር ኣይንዕቅብን።",
            ],
        ),
        fa=(
            "چه چیزی نگه می‌داریم؟",
            [
                "نام تو را نگه می‌داریم.",
                "زبان‌ها، بخش کاری، مسیر آموزشی و تاریخ شروع تو را نگه می‌داریم.",
                "کلمه‌هایی که تمرین می‌کنی و جواب‌هایت را نگه می‌داریم.",
                "آنچه معلمت در محل کارت شنید را نگه می‌داریم.",
                "هیچ چیزی درباره سلامتی، پول یا خانواده‌ات نگه نمی‌داریم.",
            ],
        ),
        uk=(
            "Що ми зберігаємо?",
            [
                "Ми зберігаємо твоє ім'я.",
                "Ми зберігаємо твої мови, сектор, навчальний маршрут і дату початку.",
                "Ми зберігаємо слова, які ти вчиш, і твої відповіді.",
                "Ми зберігаємо те, що твій викладач почув на твоїй роботі.",
                "Ми нічого не зберігаємо про твоє здоров'я, гроші чи сім'ю.",
            ],
        ),
        tr=(
            "Neleri saklıyoruz?",
            [
                "Adını saklıyoruz.",
                "Dillerini, sektörünü, öğrenme yolunu ve başlangıç tarihini saklıyoruz.",
                "Çalıştığın kelimeleri ve cevaplarını saklıyoruz.",
                "Öğretmeninin işyerinde duyduklarını saklıyoruz.",
                "Sağlığın, paran veya ailen hakkında hiçbir şey saklamıyoruz.",
            ],
        ),
    ),
    _block(
        "who",
        "👥",
        nl=(
            "Wie ziet je gegevens?",
            [
                "Je docent.",
                "Je jobcoach.",
                "De coördinator van de gemeente.",
                "De makers van de woordenlijsten zien je gegevens niet.",
                "Je werkgever ziet alleen een korte samenvatting. Alleen als jij dat goed vindt.",
            ],
        ),
        en=(
            "Who sees your data?",
            [
                "Your teacher.",
                "Your job coach.",
                "The coordinator at the municipality.",
                "The people who make the word lists do not see your data.",
                "Your employer only sees a short summary. Only if you agree.",
            ],
        ),
        ar=(
            "من يرى بياناتك؟",
            [
                "معلّمك.",
                "مدرّبك في العمل.",
                "منسّق البلدية.",
                "صانعو قوائم الكلمات لا يرون بياناتك.",
                "صاحب العمل يرى ملخّصًا قصيرًا فقط. وفقط إذا وافقت.",
            ],
        ),
        ti=(
            "ሓበሬታኻ መን ይርእዮ?",
            [
                "መምህርካ።",
                "ኮች ስራሕካ።",
                "ኣወሃሃዲ ማዘጋጃ ቤት።",
                "ሰራሕቲ ዝርዝር ቃላት ሓበሬታኻ ኣይርእዩን።",
                "ኣስራሒኻ ሓጺር ጽማቝ ጥራይ ይርኢ። እንተ ተሰማሚዕካ ጥራይ።",
            ],
        ),
        fa=(
            "چه کسی اطلاعاتت را می‌بیند؟",
            [
                "معلمت.",
                "مربی کارت.",
                "هماهنگ‌کننده شهرداری.",
                "سازندگان فهرست‌های لغت اطلاعاتت را نمی‌بینند.",
                "کارفرمایت فقط یک خلاصه کوتاه می‌بیند. فقط اگر تو موافق باشی.",
            ],
        ),
        uk=(
            "Хто бачить твої дані?",
            [
                "Твій викладач.",
                "Твій коуч з роботи.",
                "Координатор муніципалітету.",
                "Автори списків слів не бачать твоїх даних.",
                "Роботодавець бачить лише короткий підсумок. Тільки якщо ти згоден.",
            ],
        ),
        tr=(
            "Bilgilerini kim görüyor?",
            [
                "Öğretmenin.",
                "İş koçun.",
                "Belediyenin koordinatörü.",
                "Kelime listelerini hazırlayanlar bilgilerini görmez.",
                "İşverenin sadece kısa bir özet görür. Sadece sen izin verirsen.",
            ],
        ),
    ),
    _block(
        "how-long",
        "⏳",
        nl=(
            "Hoe lang bewaren wij het?",
            [
                "Tot {months} maanden na het einde van je traject.",
                "Daarna wissen wij alles.",
                "Ook je antwoorden en wat je docent op je werk hoorde.",
            ],
        ),
        en=(
            "How long do we keep it?",
            [
                "Until {months} months after your programme ends.",
                "After that, we delete everything.",
                "Also your answers and what your teacher heard at your work.",
            ],
        ),
        ar=(
            "إلى متى نحفظها؟",
            [
                "حتى {months} شهرًا بعد نهاية برنامجك.",
                "بعد ذلك نحذف كل شيء.",
                "وأيضًا إجاباتك وما سمعه معلّمك في عملك.",
            ],
        ),
        ti=(
            "ክሳብ መዓስ ንዕቅቦ?",
            [
                "ፕሮግራምካ ምስ ተወደአ ክሳብ {months} ወርሒ።",
                "ድሕሪኡ ኩሉ ንድምስሶ።",
                "መልስታትካን መምህርካ ኣብ ስራሕካ ዝሰምዖን እውን።",
            ],
        ),
        fa=(
            "تا کی نگه می‌داریم؟",
            [
                "تا {months} ماه بعد از پایان دوره‌ات.",
                "بعد از آن همه چیز را پاک می‌کنیم.",
                "جواب‌هایت و آنچه معلمت در کارت شنید هم پاک می‌شود.",
            ],
        ),
        uk=(
            "Як довго ми зберігаємо дані?",
            [
                "До {months} міс. після кінця твоєї програми.",
                "Потім ми все видаляємо.",
                "Також твої відповіді і те, що викладач почув на роботі.",
            ],
        ),
        tr=(
            "Ne kadar saklıyoruz?",
            [
                "Programın bittikten sonra {months} ay boyunca.",
                "Sonra her şeyi siliyoruz.",
                "Cevaplarını ve öğretmeninin işyerinde duyduklarını da.",
            ],
        ),
    ),
    _block(
        "rights",
        "✋",
        nl=(
            "Wat mag jij?",
            [
                "Je mag je gegevens zien.",
                "Je mag je gegevens downloaden.",
                "Je mag fouten laten verbeteren.",
                "Je mag je gegevens laten wissen.",
                "Vraag het aan de coördinator.",
            ],
        ),
        en=(
            "What may you do?",
            [
                "You may see your data.",
                "You may download your data.",
                "You may have mistakes corrected.",
                "You may have your data deleted.",
                "Ask the coordinator.",
            ],
        ),
        ar=(
            "ما هي حقوقك؟",
            [
                "يمكنك أن ترى بياناتك.",
                "يمكنك تنزيل بياناتك.",
                "يمكنك طلب تصحيح الأخطاء.",
                "يمكنك طلب حذف بياناتك.",
                "اسأل المنسّق.",
            ],
        ),
        ti=(
            "መሰልካ እንታይ እዩ?",
            [
                "ሓበሬታኻ ክትርኢ ትኽእል ኢኻ።",
                "ሓበሬታኻ ከተውርድ ትኽእል ኢኻ።",
                "ጌጋታት ከም ዝእረሙ ክትሓትት ትኽእል ኢኻ።",
                "ሓበሬታኻ ከም ዝድምሰስ ክትሓትት ትኽእል ኢኻ።",
                "ንኣወሃሃዲ ሕተት።",
            ],
        ),
        fa=(
            "حق تو چیست؟",
            [
                "می‌توانی اطلاعاتت را ببینی.",
                "می‌توانی اطلاعاتت را دانلود کنی.",
                "می‌توانی بخواهی اشتباه‌ها درست شوند.",
                "می‌توانی بخواهی اطلاعاتت پاک شود.",
                "از هماهنگ‌کننده بپرس.",
            ],
        ),
        uk=(
            "Що ти можеш?",
            [
                "Ти можеш бачити свої дані.",
                "Ти можеш завантажити свої дані.",
                "Ти можеш попросити виправити помилки.",
                "Ти можеш попросити видалити свої дані.",
                "Запитай координатора.",
            ],
        ),
        tr=(
            "Hakların neler?",
            [
                "Bilgilerini görebilirsin.",
                "Bilgilerini indirebilirsin.",
                "Hataları düzelttirebilirsin.",
                "Bilgilerini sildirebilirsin.",
                "Koordinatöre sor.",
            ],
        ),
    ),
    _block(
        "complain",
        "📣",
        nl=(
            "Niet tevreden?",
            [
                "Praat eerst met de coördinator.",
                "Je mag ook een klacht sturen naar de Autoriteit Persoonsgegevens.",
                "Die controleert privacy in Nederland.",
            ],
        ),
        en=(
            "Not happy?",
            [
                "First talk to the coordinator.",
                "You may also send a complaint to the Autoriteit Persoonsgegevens.",
                "It checks privacy in the Netherlands.",
            ],
        ),
        ar=(
            "غير راضٍ؟",
            [
                "تكلّم أولًا مع المنسّق.",
                "يمكنك أيضًا تقديم شكوى إلى هيئة حماية البيانات الهولندية (Autoriteit Persoonsgegevens).",
                "هي تراقب الخصوصية في هولندا.",
            ],
        ),
        ti=(
            "ዕጉብ ኣይኮንካን?",
            [
                "ቅድም ምስ ኣወሃሃዲ ተዛረብ።",
                "ናብ Autoriteit Persoonsgegevens እውን ጥርዓን ክተቕርብ ትኽእል ኢኻ።",
                "እዚ ትካል ኣብ ሆላንድ ምሕላው ውልቃዊ ሓበሬታ ይቆጻጸር።",
            ],
        ),
        fa=(
            "راضی نیستی؟",
            [
                "اول با هماهنگ‌کننده صحبت کن.",
                "می‌توانی به Autoriteit Persoonsgegevens هم شکایت کنی.",
                "این سازمان حریم خصوصی را در هلند کنترل می‌کند.",
            ],
        ),
        uk=(
            "Не задоволений?",
            [
                "Спочатку поговори з координатором.",
                "Ти також можеш подати скаргу до Autoriteit Persoonsgegevens.",
                "Цей орган контролює захист даних у Нідерландах.",
            ],
        ),
        tr=(
            "Memnun değil misin?",
            [
                "Önce koordinatörle konuş.",
                "Autoriteit Persoonsgegevens'e de şikâyette bulunabilirsin.",
                "Bu kurum Hollanda'da gizliliği denetler.",
            ],
        ),
    ),
)

# What each consent asks, in the same shape: the first line is the question the yes/no switch answers.
PURPOSES = {
    ConsentPurpose.EMPLOYER_SUMMARY: _block(
        ConsentPurpose.EMPLOYER_SUMMARY.value,
        "💼",
        nl=(
            "Samenvatting voor je werkgever",
            [
                "Mag je werkgever een korte samenvatting zien?",
                "Daarin staat hoe vaak je oefent en hoeveel woorden je kent.",
                "Je werkgever ziet geen antwoorden en geen niveau.",
                "Zeg je later nee? Dan ziet je werkgever niets nieuws meer.",
                "Wat al geprint is, blijft bij je werkgever.",
                "Nee zeggen mag. Je kunt het altijd veranderen.",
            ],
        ),
        en=(
            "Summary for your employer",
            [
                "May your employer see a short summary?",
                "It says how often you practise and how many words you know.",
                "Your employer sees no answers and no level.",
                "If you say no later, your employer sees nothing new.",
                "What was already printed stays with your employer.",
                "Saying no is fine. You can always change it.",
            ],
        ),
        ar=(
            "ملخّص لصاحب العمل",
            [
                "هل يمكن لصاحب عملك أن يرى ملخّصًا قصيرًا؟",
                "فيه كم مرة تتدرّب وكم كلمة تعرف.",
                "صاحب العمل لا يرى إجاباتك ولا مستواك.",
                "إذا قلت لا لاحقًا، لن يرى صاحب العمل شيئًا جديدًا.",
                "ما طُبع من قبل يبقى عند صاحب العمل.",
                "يمكنك أن تقول لا. ويمكنك تغيير رأيك دائمًا.",
            ],
        ),
        ti=(
            "ጽማቝ ንኣስራሒኻ",
            [
                "ኣስራሒኻ ሓጺር ጽማቝ ክርኢ ይኽእልዶ?",
                "ኣብኡ ክንደይ ግዜ ከም እትለማመድን ክንደይ ቃላት ከም እትፈልጥን ይጸሓፍ።",
                "ኣስራሒ መልስታትካን ደረጃኻን ኣይርእን።",
                "ድሓር ኣይፋል እንተ ኢልካ፡ ኣስራሒኻ ሓድሽ ነገር ኣይርእን።",
                "ቅድሚኡ ዝተሓትመ ግን ኣብ ኣስራሒኻ ይተርፍ።",
                "ኣይፋል ምባል ይከኣል። ኩሉ ግዜ ክትቕይሮ ትኽእል ኢኻ።",
            ],
        ),
        fa=(
            "خلاصه برای کارفرما",
            [
                "آیا کارفرمایت می‌تواند یک خلاصه کوتاه ببیند؟",
                "در آن آمده چند بار تمرین می‌کنی و چند کلمه بلدی.",
                "کارفرما جواب‌ها و سطح تو را نمی‌بیند.",
                "اگر بعداً نه بگویی، کارفرما چیز تازه‌ای نمی‌بیند.",
                "آنچه قبلاً چاپ شده، پیش کارفرما می‌ماند.",
                "می‌توانی نه بگویی. همیشه می‌توانی نظرت را عوض کنی.",
            ],
        ),
        uk=(
            "Підсумок для роботодавця",
            [
                "Чи може твій роботодавець бачити короткий підсумок?",
                "У ньому написано, як часто ти вчишся і скільки слів знаєш.",
                "Роботодавець не бачить твоїх відповідей і твого рівня.",
                "Якщо потім скажеш «ні», роботодавець нічого нового не побачить.",
                "Те, що вже надруковано, лишається в роботодавця.",
                "Можна сказати «ні». Ти завжди можеш це змінити.",
            ],
        ),
        tr=(
            "İşveren için özet",
            [
                "İşverenin kısa bir özet görebilir mi?",
                "Özette ne sıklıkla çalıştığın ve kaç kelime bildiğin yazar.",
                "İşveren cevaplarını ve seviyeni görmez.",
                "Sonra hayır dersen işveren yeni bir şey görmez.",
                "Daha önce yazdırılan işverende kalır.",
                "Hayır demek serbest. Kararını her zaman değiştirebilirsin.",
            ],
        ),
    ),
}


def blocks(*, retention_months: int) -> tuple[Block, ...]:
    """The notice's blocks with the retention period filled in."""
    return tuple(
        Block(
            block.key,
            block.icon,
            {
                language: Text(
                    text.title.format(months=retention_months),
                    tuple(line.format(months=retention_months) for line in text.lines),
                )
                for language, text in block.texts.items()
            },
        )
        for block in NOTICE
    )


def find(key: str, *, retention_months: int) -> Block | None:
    """A block of the notice or a consent's question, by key; None when there is none."""
    for block in blocks(retention_months=retention_months):
        if block.key == key:
            return block
    return next((block for purpose, block in PURPOSES.items() if purpose.value == key), None)


def spoken(block: Block, language: str = "nl") -> str:
    """What is read aloud for a block: its title and its sentences."""
    text = block.text(language)
    return " ".join((text.title if text.title.endswith(("?", ".")) else text.title + ".", *text.lines))
