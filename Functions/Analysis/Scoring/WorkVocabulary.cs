namespace Sift.Analysis.Scoring;

/// <summary>
/// The words of a team at work, in English, Russian, Ukrainian, German and Spanish: what was decided,
/// what someone is asked to do, what went wrong, and why or how it was fixed. Each raises importance.
/// </summary>
internal static class WorkVocabulary
{
    public static readonly Cues Decisions = new(
        "decided", "decision", "agreed", "let's go with", "we'll go with", "going with", "conclusion", "outcome", "from now on",
        "approved", "we will use", "final call",
        "решили", "решение", "договорились", "итог", "утвердили", "отныне", "запрещаем", "переходим",
        "вирішили", "рішення", "домовились", "підсумок", "підсумки", "затвердили", "відтепер", "переходимо",
        "entschied", "entscheidung", "beschlossen", "vereinbart", "geeinigt", "fazit",
        "decidimos", "decisión", "decidido", "acordamos", "conclusión", "a partir del", "a partir de");

    public static readonly Cues Requests = new(
        "please", "pls$", "can you", "could you", "todo", "action item", "need to", "must$", "should$", "make sure", "reminder",
        "пожалуйста", "нужно", "надо$", "подготов", "сделай", "проверь", "должны", "напоминаю", "поправлю", "переделаю", "сделаю",
        "будь ласка", "треба", "потрібно", "онови", "зроби", "перевір", "зроблю", "нагадую",
        "bitte", "muss$", "müssen", "sollten", "kannst du", "erledig", "trage",
        "por favor", "hay que", "tenemos que", "necesitamos", "actualiza", "revisa", "prepara", "recuerd");

    public static readonly Cues Problems = new(
        "error", "fail", "broken", "bug$", "bugs$", "crash", "outage", "down$", "leak", "vulnerab", "exception", "timeout", "incident",
        "regression", "overlap", "latency", "slow", "twice", "duplicate", "502", "500$", "503", "403",
        "ошибк", "упал", "падает", "уязвим", "утечк", "баг", "проблем", "жалует", "сбой", "таймаут", "перестал", "не приход", "дважды",
        "помилк", "впав", "вразлив", "витік", "збій", "не реагує", "неправильн",
        "fehler", "problem", "ausfall", "schlägt fehl", "sicherheitslücke", "falsch", "doppelt",
        "fallo", "falla", "problema", "vulnerab", "caído", "no se ve", "dos veces");

    /// <summary>Why something happened and what was done about it.</summary>
    public static readonly Cues Resolutions = new(
        "added", "implemented", "merged", "switched", "configured", "restarted", "changed", "because", "fix", "root cause", "caused by", "rolled back", "the reason", "turns out", "workaround", "resolved",
        "solved", "due to", "it was", "so that", "revoked", "rotated", "cleared",
        "потому что", "из-за", "починил", "исправил", "причина", "поправил", "откатил", "оказалось", "поэтому", "добавил", "настроил",
        "перезапустил", "выкатил",
        "через те", "бо$", "виправив", "полагодив", "причин", "виявилось", "це через", "відкликали", "додав", "налаштував",
        "перезапустив",
        "weil", "behoben", "gefixt", "lag am", "ursache", "deshalb", "daher", "hinzugefügt", "umgestellt",
        "konfiguriert",
        "porque", "es por", "corregido", "arreglado", "solucionado", "causa", "se debe", "ya lo", "añadí", "configuré", "arreglé",
        "reinicié", "cambié");
}
