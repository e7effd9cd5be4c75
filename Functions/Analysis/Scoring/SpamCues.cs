namespace Sift.Analysis.Scoring;

/// <summary>
/// Unsolicited promotion and scams: easy money, crypto, casinos, giveaways, phishing, bulk sales,
/// in English, Russian, Ukrainian, German and Spanish. Words alone prove little (a team may discuss
/// crypto), so a message is spam only when promo words meet the shape of a promotion: a link (above
/// all an invite link), a sum of money, a call to write in private, a forward, a repeat, a row of emoji.
/// </summary>
internal static class SpamCues
{
    private const double Threshold = 3;

    private static readonly Cues Promo = new(
        "earn", "income", "profit", "crypto", "bitcoin", "btc$", "usdt", "ethereum", "forex", "binance", "airdrop", "casino",
        "jackpot", "lottery", "betting", "bonus", "giveaway", "prize", "winner", "win$", "invest", "guaranteed", "followers",
        "likes$", "cheap", "promo", "deposit", "free spins", "nft$", "suspended", "verify your", "double your", "from home",
        "no experience", "limited slots", "limited offer", "trader", "trading", "passive", "urgent",
        "заработ", "доход", "прибыл", "крипт", "биткоин", "казино", "фриспин", "бонус", "выигр", "приз", "розыгрыш", "инвест",
        "гарантир", "без вложений", "из дома", "удалёнк", "удаленк", "оптом", "продам", "недорого", "букмекер", "раздач", "халяв",
        "заробіт", "заробля", "дохід", "прибут", "пасивн", "виграй", "виграш", "розіграш", "безкоштовн", "інвест", "гарантован",
        "verdien", "gewinn", "gratis", "kostenlos", "krypto", "investier", "geschenk", "verdoppel", "zu hause", "keine erfahrung",
        "gana$", "ganar", "dinero", "sorteo", "regal", "cripto", "rentabilidad", "garantiz", "inversi", "invierte", "desde casa",
        "sin experiencia", "apuesta", "premio");

    private static readonly Cues Contact = new(
        "dm me", "pm me", "write me", "message me", "contact", "join", "click", "пиши", "в личку", "в лс", "присоединя",
        "переходи", "пишіть", "приєднуй", "переходь", "забирай", "schreib", "beitreten", "klicken", "escribe", "únete", "unete");

    /// <returns>The cues found, and whether together they make the message spam.</returns>
    public static (bool IsSpam, double Strength, List<string> Found) Check(MessageText text, bool forwarded, bool repeated)
    {
        var promo = Promo.FoundIn(text);
        var found = promo.Select(p => $"'{p}'").ToList();
        var strength = Math.Min(3, promo.Count) * 1.0;
        void Add(bool present, double weight, string cue)
        {
            if (present)
            {
                strength += weight;
                found.Add(cue);
            }
        }

        Add(text.HasInviteLink, 2, "invite link");
        Add(text.Links > 0 && !text.HasInviteLink, text.Links >= 3 ? 2 : 1, text.Links >= 3 ? "many links" : "link");
        Add(text.HasMoney, 1, "money");
        Add(text.Emoji >= 3, 1, "many emoji");
        Add(forwarded, 1, "forwarded");
        Add(text.HasShouting || text.IsAllCaps, 0.5, "shouting");
        Add(Contact.FoundIn(text).Count > 0 || (text.Mentions > 0 && promo.Count > 0), 1, "write in private");
        Add(repeated, 1, "repeated");
        var isSpam = strength >= Threshold && (promo.Count > 0 || text.HasInviteLink);
        return (isSpam, strength, found);
    }
}
