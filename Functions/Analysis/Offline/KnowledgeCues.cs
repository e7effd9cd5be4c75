namespace Sift.Analysis.Offline;

/// <summary>What one sentence says, by the phrases it uses (English, Russian, Ukrainian, German, Spanish).</summary>
public sealed record SentenceCue(AtomKind Kind, double Confidence);

/// <summary>
/// The offline extractor's vocabulary. Phrases are matched as whole words on the folded text
/// (<see cref="TextTokens"/>); the more explicit the phrase, the higher the confidence. A sentence
/// gets one kind, in this order: decision, action item, insight, problem, question.
/// </summary>
public static class KnowledgeCues
{
    private static readonly string[] StrongDecision =
    [
        "we decided", "we've decided", "we have decided", "decided to", "decision is", "it's decided", "we agreed", "final decision",
        "решили", "решено", "договорились", "приняли решение", "вирішили", "вирішено", "домовилися", "домовились",
        "entschieden", "beschlossen", "geeinigt", "decidimos", "hemos decidido", "acordamos", "quedamos en",
    ];

    private static readonly string[] Decision =
        ["let's go with", "lets go with", "agreed", "we'll go with", "we will go with", "going with", "остановились на", "давайте возьмём", "давайте возьмем", "einverstanden", "vamos con"];

    private static readonly string[] Todo = ["todo", "to-do", "action item"];

    private static readonly string[] Request =
    [
        "please", "pls", "can you", "could you", "would you", "пожалуйста", "можешь", "можете", "сможешь", "сможете", "не мог бы", "не могли бы",
        "будь ласка", "можеш", "зможеш", "bitte", "kannst du", "könntest du", "können sie", "por favor", "puedes", "podrías", "podrias",
    ];

    private static readonly string[] Commitment =
        ["i'll", "i will", "i'm going to", "я сделаю", "я займусь", "беру на себя", "я подготовлю", "я пришлю", "я зроблю", "ich werde", "ich mache", "me encargo"];

    private static readonly HashSet<string> Imperatives = new(
    [
        "send", "check", "fix", "update", "review", "prepare", "write", "call", "deploy", "merge", "look", "take", "make", "add", "remove", "ship",
        "finish", "schedule", "book", "share", "ask", "test", "investigate", "create", "move", "rename", "draft", "email", "ping", "upload", "publish",
        "сделай", "сделайте", "проверь", "проверьте", "пришли", "пришлите", "отправь", "отправьте", "посмотри", "посмотрите", "подготовь",
        "подготовьте", "напиши", "напишите", "исправь", "исправьте", "почини", "обнови", "обновите", "добавь", "добавьте", "займись", "глянь",
        "позвони", "выложи", "разберись", "разберитесь", "зроби", "зробіть", "перевір", "перевірте", "надішли", "надішліть", "подивись",
        "підготуй", "напиши", "виправ", "додай", "schick", "schicke", "prüf", "prüfe", "mach", "mache", "schau", "schreib", "erledige",
        "envía", "envia", "revisa", "prepara", "haz", "manda", "escribe", "llama", "arregla", "sube", "mira",
    ], StringComparer.Ordinal);

    /// <summary>Words a request may open with before its verb: politeness and the group it asks ("Guys, please check…", "Коллеги, проверьте…").</summary>
    private static readonly HashSet<string> Addresses = new(
        ["please", "pls", "пожалуйста", "bitte", "guys", "team", "folks", "all", "everyone", "коллеги", "ребята", "друзья", "народ", "все", "колеги", "хлопці", "друзі", "leute", "chicos"],
        StringComparer.Ordinal);

    private static readonly string[] StrongInsight =
        ["til", "today i learned", "lesson learned", "lessons learned", "note to self", "урок усвоен", "stellt sich heraus", "lección aprendida"];

    private static readonly string[] Insight =
        ["turns out", "it turns out", "learned that", "оказывается", "выяснилось", "виявляється", "з'ясувалося", "herausgestellt", "resulta que", "aprendí"];

    private static readonly string[] SolutionCues =
    [
        "fixed", "the fix", "fix is", "workaround", "solved", "resolved", "solution", "try", "you need to", "you have to", "restart", "upgrade", "downgrade",
        "helped", "works now", "исправил", "исправлено", "починил", "решение", "помогло", "попробуй", "попробуйте", "нужно", "надо", "перезапусти",
        "виправив", "спробуй", "допомогло", "behoben", "lösung", "probier", "solucionado", "arreglado", "prueba", "solución",
    ];

    private static readonly HashSet<string> Interrogatives = new(
    [
        "how", "what", "why", "when", "where", "who", "which", "can", "could", "does", "do", "is", "are", "should", "will", "anyone",
        "как", "что", "почему", "зачем", "когда", "где", "кто", "какой", "какая", "як", "що", "чому", "коли", "де", "хто",
        "wie", "was", "warum", "wann", "wo", "wer", "cómo", "qué", "por", "cuándo", "dónde", "quién",
    ], StringComparer.Ordinal);

    /// <summary>The kind of knowledge <paramref name="sentence"/> states, or null; <paramref name="due"/> and a mention make a request an action item.</summary>
    public static SentenceCue? Read(string sentence, DateOnly? due)
    {
        var words = TextTokens.Words(sentence).Select(w => w.Replace('’', '\'')).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var text = $" {string.Join(' ', words)} ";
        var addressee = Owners.Addressee(sentence) is { } name ? TextTokens.Fold(name) : null;
        var mention = Sentences.FirstMention(sentence) is not null || addressee is not null;
        var imperative = words.SkipWhile(w => (mention && sentence.Contains($"@{w}", StringComparison.OrdinalIgnoreCase)) || w == addressee || Addresses.Contains(w))
            .FirstOrDefault() is { } first && Imperatives.Contains(first);
        var assigned = addressee is null && Owners.Named(sentence) is not null;
        return Has(text, StrongDecision) ? new(AtomKind.Decision, 0.9)
            : Has(text, Decision) ? new(AtomKind.Decision, 0.75)
            : Has(text, Todo) ? new(AtomKind.ActionItem, 0.9)
            : mention && (imperative || Has(text, Request)) ? new(AtomKind.ActionItem, due is null ? 0.8 : 0.85)
            : due is not null && Has(text, Request) ? new(AtomKind.ActionItem, 0.75)
            : due is not null && (assigned || Has(text, Commitment)) ? new(AtomKind.ActionItem, 0.7)
            : due is not null && imperative ? new(AtomKind.ActionItem, 0.65)
            : Has(text, StrongInsight) ? new(AtomKind.Insight, 0.9)
            : Has(text, Insight) ? new(AtomKind.Insight, 0.8)
            : ProblemWords.Problem(words) is > 0 and var problem ? new(AtomKind.Problem, problem)
            : sentence.TrimEnd().EndsWith('?') || sentence.TrimEnd().EndsWith('？') || sentence.TrimStart().StartsWith('¿') ? new(AtomKind.Question, 0.9)
            : Interrogatives.Contains(words[0]) && words.Count >= 4 && Has(text, ["anyone", "know", "знает", "подскажите", "weiß", "sabe"]) ? new(AtomKind.Question, 0.6)
            : null;
    }

    /// <summary>Whether a reply says how to fix something, or that the fault went away (else a reply to a problem is a weaker solution).</summary>
    public static bool IsSolution(string text) =>
        Has($" {string.Join(' ', TextTokens.Words(text))} ", SolutionCues) || Sentences.Split(text).Any(s => ProblemWords.Resolved(TextTokens.Words(s)));

    /// <summary>Whether the sender takes the task on themselves ("I'll ...") rather than giving it to someone.</summary>
    public static bool IsCommitment(string sentence) => Has($" {string.Join(' ', TextTokens.Words(sentence).Select(w => w.Replace('’', '\'')))} ", Commitment);

    private static bool Has(string text, IEnumerable<string> phrases) => phrases.Any(p => text.Contains($" {p} ", StringComparison.Ordinal));
}
