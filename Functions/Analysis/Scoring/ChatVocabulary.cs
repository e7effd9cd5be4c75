namespace Sift.Analysis.Scoring;

/// <summary>
/// The small talk of a chat in English, Russian, Ukrainian, German and Spanish: words that carry
/// no information on their own. Entries are folded; see <see cref="Cues"/> for prefixes and <c>$</c>.
/// </summary>
internal static class ChatVocabulary
{
    /// <summary>Acknowledgements, agreement, thanks, laughter, reactions.</summary>
    public static readonly Cues Acknowledgements = new(
        "ok$", "okay$", "okey$", "k$", "kk$", "thx$", "thanks$", "thank$", "ty$", "tnx$", "cool$", "nice$", "great$", "awesome$",
        "perfect$", "yes$", "yep$", "yeah$", "yup$", "no$", "nope$", "sure$", "lol$", "lmao$", "rofl$", "np$", "noted$", "gotcha$",
        "understood$", "right$", "true$", "wow$", "oh$", "ah$", "hmm$", "hm$", "sorry$", "same$", "congrats$", "done$", "xd$",
        "ок$", "окей$", "ага$", "угу$", "да$", "нет$", "спасибо$", "спс$", "благодарю$", "понял$", "поняла$", "понятно$", "ясно$",
        "класс$", "круто$", "отлично$", "хорошо$", "ладно$", "лол$", "принято$", "согласен$", "конечно$", "мерси$", "сорян$", "хд$",
        "дякую$", "дяки$", "так$", "ні$", "зрозумів$", "зрозуміла$", "зрозуміло$", "добре$", "гаразд$", "клас$", "чудово$",
        "danke$", "dankeschön$", "ja$", "nein$", "klar$", "gut$", "prima$", "genau$", "verstanden$", "passt$", "super$",
        "vale$", "gracias$", "sí$", "si$", "claro$", "genial$", "perfecto$", "bien$", "entendido$", "dale$", "listo$",
        "take it", "on it", "will do", "беру$", "взял$", "взяв$", "übernehme$", "lo reviso", "lo hago", "me encargo");

    public static readonly Cues Greetings = new(
        "hi$", "hello$", "hey$", "morning$", "evening$", "welcome$", "bye$", "cheers$", "happy$", "good$", "night$", "weekend$",
        "привет", "здравствуй", "доброе$", "добрый$", "доброй$", "утро$", "утра$", "вечер$", "пока$", "спокойной$", "ночи$", "выходных$",
        "привіт", "вітаю$", "доброго$", "добрий$", "ранку$", "вечір$", "бувай$", "вихідних$",
        "hallo$", "moin$", "servus$", "guten$", "morgen$", "abend$", "tschüss$", "willkommen$", "schönes$", "wochenende$",
        "hola$", "buenos$", "buenas$", "días$", "dias$", "tardes$", "noches$", "adiós$", "bienvenid", "feliz$", "finde$");

    /// <summary>Function words, pronouns and question words: present in every message, information in none.</summary>
    public static readonly Cues Filler = new(
        "a$", "an$", "the$", "i$", "i'm$", "i'll$", "it$", "it's$", "is$", "are$", "was$", "be$", "to$", "of$", "in$", "on$", "at$",
        "for$", "and$", "or$", "but$", "so$", "this$", "that$", "all$", "everyone$", "guys$", "folks$", "team$", "you$", "we$", "me$",
        "my$", "us$", "just$", "again$", "still$", "too$", "also$", "here$", "there$", "now$", "then$", "do$", "does$", "did$", "can$",
        "could$", "will$", "would$", "what$", "why$", "how$", "who$", "when$", "where$", "any$", "some$", "very$", "really$", "from$",
        "since$", "with$", "try$",
        "а$", "и$", "в$", "на$", "с$", "у$", "к$", "о$", "по$", "за$", "из$", "до$", "не$", "ну$", "же$", "ли$", "бы$", "что$", "это$",
        "как$", "я$", "ты$", "мы$", "вы$", "он$", "она$", "они$", "все$", "всё$", "всем$", "тоже$", "ещё$", "еще$", "уже$", "там$", "тут$",
        "вот$", "для$", "кто$", "где$", "когда$", "почему$", "зачем$", "именно$", "просто$", "очень$",
        "і$", "й$", "та$", "з$", "що$", "це$", "як$", "ти$", "ми$", "ви$", "він$", "вона$", "вони$", "всі$", "усім$", "теж$", "ще$",
        "вже$", "хто$", "де$", "коли$", "чому$", "дуже$", "шо$",
        "der$", "die$", "das$", "ein$", "eine$", "und$", "oder$", "ich$", "du$", "wir$", "es$", "ist$", "sind$", "nicht$", "auch$",
        "noch$", "schon$", "wieder$", "mal$", "zu$", "mit$", "für$", "auf$", "im$", "an$", "was$", "wer$", "wie$", "warum$", "wo$",
        "sehr$", "zusammen$", "alle$",
        "el$", "la$", "los$", "las$", "un$", "una$", "y$", "o$", "de$", "del$", "en$", "con$", "por$", "para$", "que$", "qué$",
        "esto$", "eso$", "yo$", "tú$", "lo$", "le$", "se$", "muy$", "todos$", "ya$", "también$");

    /// <summary>Asking for help or reporting trouble without saying what: the mark of a vague message.</summary>
    public static readonly Cues Vague = new(
        "anyone$", "anybody$", "someone$", "somebody$", "help$", "broken$", "broke$", "stuff$", "thing$", "something$", "whatever$",
        "doesn't work", "not working", "any idea", "кто-нибудь$", "кто-то$", "помогите$", "сломалось$", "ничего$", "что-то$",
        "не работает", "хтось$", "допоможіть$", "зламалось$", "нічого$", "щось$", "не працює", "hilfe$", "irgendwas$", "irgendwer$",
        "kaputt$", "jemand$", "geht nicht", "funktioniert nicht", "ayuda$", "alguien$", "algo$", "roto$", "no funciona", "nada$",
        "pasa$", "такое$");

    /// <summary>Weekdays, months and relative days: a date that a task is due by or an event happens on.</summary>
    public static readonly Cues Dates = new(
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "today", "tonight", "eod$", "eow$",
        "january", "february", "march$", "april", "june", "july", "august", "september", "october", "november", "december", "next week",
        "понедельн", "вторник", "среду$", "среда$", "среды$", "четверг", "пятниц", "суббот", "воскресен", "завтра", "сегодня", "январ", "феврал", "март",
        "апрел", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
        "понеділ", "вівтор", "середу", "середа", "четвер", "п'ятниц", "субот", "неділ", "сьогодні", "січн", "лютог", "березн",
        "квітн", "травн", "червн", "липн", "серпн", "вересн", "жовтн", "листопад", "грудн", "січень",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "heute", "januar", "februar", "märz",
        "juni", "juli", "oktober", "dezember", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "mañana",
        "hoy$", "enero", "febrero", "marzo", "abril", "mayo$", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre");
}
