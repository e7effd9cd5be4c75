using Sift.Llm;

namespace Sift.Tests.Llm;

public sealed class PiiScrubberTests
{
    [Theory]
    [InlineData("Пишите на ivan.petrov@mail.ru, отвечу вечером.", "ivan.petrov@mail.ru")]
    [InlineData("Contact: jane_doe+sift@example.co.uk.", "jane_doe+sift@example.co.uk")]
    [InlineData("Адрес: почта@пример.рф — наш ящик", "почта@пример.рф")]
    [InlineData("(ops-team@corp.example.com)", "ops-team@corp.example.com")]
    public void EmailsAreReplaced(string text, string email) => AssertReplaced(text, email, "[EMAIL_1]");

    [Theory]
    [InlineData("Звоните +7 (912) 345-67-89 после обеда", "+7 (912) 345-67-89")]
    [InlineData("Мой номер: +79123456789.", "+79123456789")]
    [InlineData("тел. 8 (912) 345-67-89, Анна", "8 (912) 345-67-89")]
    [InlineData("Телефон 8-912-345-67-89", "8-912-345-67-89")]
    [InlineData("набери 89123456789 вечером", "89123456789")]
    [InlineData("Tel:+44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("Ruf an: +49 30 1234567!", "+49 30 1234567")]
    [InlineData("Телефонуйте +380 44 123 4567 з Києва", "+380 44 123 4567")]
    [InlineData("або (044) 123-45-67 у робочий час", "(044) 123-45-67")]
    [InlineData("Call (555) 123-4567 or later", "(555) 123-4567")]
    [InlineData("Call 555.123.4567 today", "555.123.4567")]
    [InlineData("toll-free 1-800-555-1234", "1-800-555-1234")]
    [InlineData("Appelez le 01 23 45 67 89 svp", "01 23 45 67 89")]
    [InlineData("mobile 07700 900123", "07700 900123")]
    [InlineData("Büro 030 1234567", "030 1234567")]
    [InlineData("городской 123-45-67", "123-45-67")]
    [InlineData("aus Deutschland: 0049 30 1234567", "0049 30 1234567")]
    public void PhoneNumbersAreReplaced(string text, string phone) => AssertReplaced(text, phone, "[PHONE_1]");

    [Theory]
    [InlineData("Встреча 12.05.2024 в 14:30")]
    [InlineData("Релиз 2024-05-12, потом 2024-06-01")]
    [InlineData("from 10:00-12:30 on 05/12/2024")]
    [InlineData("Обновили до версии 10.0.19041.1 и 1.2.3")]
    [InlineData("Upgrade to v2.10.15 and Python 3.11.4")]
    [InlineData("Бюджет 1 000 000 руб., потратили 150 000 000")]
    [InlineData("Стоимость 25 000 ₽, скидка 8 000 000 000")]
    [InlineData("Order #12345678901 shipped")]
    [InlineData("Номер заказа: 89123456789")]
    [InlineData("invoice 0012345678 is due")]
    [InlineData("Server 192.168.100.200 and 10.100.200.30")]
    [InlineData("ISBN 978-5-17-123456-7")]
    [InlineData("Coordinates 55.7558, 37.6173")]
    [InlineData("ticket 1234567 closed; 12345678 rows")]
    public void DatesTimesVersionsAmountsAndOrderNumbersAreNotPhones(string text)
    {
        var scrubbed = PiiScrubber.Scrub(text, usernames: true);

        Assert.Equal(text, scrubbed.Text);
        Assert.Empty(scrubbed.Originals);
    }

    [Theory]
    [InlineData("Карта 4111 1111 1111 1111, срок 12/27", "4111 1111 1111 1111")]
    [InlineData("card: 4111-1111-1111-1111.", "4111-1111-1111-1111")]
    [InlineData("MasterCard 5555555555554444 ok", "5555555555554444")]
    [InlineData("Amex 3782 822463 10005", "3782 822463 10005")]
    [InlineData("Мир 2200 0000 0000 0004 и CVV 123", "2200 0000 0000 0004")]
    [InlineData("Discover 6011 1111 1111 1117", "6011 1111 1111 1117")]
    public void LuhnValidCardsAreReplaced(string text, string card) => AssertReplaced(text, card, "[CARD_1]");

    [Theory]
    [InlineData("Карта 4111 1111 1111 1112, проверь")]
    [InlineData("card 5555-5555-5555-4445")]
    [InlineData("dates 2024 0115 2024 0215")]
    [InlineData("zeros 0000 0000 0000 0000")]
    public void LuhnInvalidNumbersAreLeftAlone(string text) => Assert.Equal(text, PiiScrubber.Scrub(text, usernames: false).Text);

    [Theory]
    [InlineData("IBAN: DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX", "DE89 3704 0044 0532 0130 00")]
    [InlineData("Переведите на DE89370400440532013000 до пятницы", "DE89370400440532013000")]
    [InlineData("UK account GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("Compte FR14 2004 1010 0505 0001 3M02 606.", "FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("Рахунок UA21 3223 1300 0002 6007 2335 6600 1 в ПриватБанку", "UA21 3223 1300 0002 6007 2335 6600 1")]
    [InlineData("Счёт KZ86125KZT5004100100 2024 год", "KZ86125KZT5004100100")]
    public void Mod97ValidIbansAreReplaced(string text, string iban) => AssertReplaced(text, iban, "[IBAN_1]");

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01 неверный")]
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    public void Mod97InvalidIbansAreLeftAlone(string text) => Assert.Equal(text, PiiScrubber.Scrub(text, usernames: false).Text);

    [Fact]
    public void UsernamesAreReplacedOnlyWhenAsked()
    {
        const string text = "Спроси @ivan_petrov или @Maria2024, почта ivan@mail.ru";

        var kept = PiiScrubber.Scrub(text, usernames: false);
        var scrubbed = PiiScrubber.Scrub(text, usernames: true);

        Assert.Equal("Спроси @ivan_petrov или @Maria2024, почта [EMAIL_1]", kept.Text);
        Assert.Equal("Спроси [USER_1] или [USER_2], почта [EMAIL_1]", scrubbed.Text);
        Assert.Equal("@Maria2024", scrubbed.Originals["[USER_2]"]);
    }

    [Fact]
    public void TheSameValueGetsTheSamePlaceholderAndOthersTheNextNumber()
    {
        var scrubbed = PiiScrubber.Scrub("a@x.io пишет b@x.io, потом снова a@x.io; звонить +7 912 345-67-89 или +7 912 345-67-80", usernames: false);

        Assert.Equal("[EMAIL_1] пишет [EMAIL_2], потом снова [EMAIL_1]; звонить [PHONE_1] или [PHONE_2]", scrubbed.Text);
        Assert.Equal(4, scrubbed.Originals.Count);
    }

    [Fact]
    public void RestoringTheScrubbedTextGivesBackTheOriginalExactly()
    {
        const string text = "Клиент @client_one (client@example.com, +7 (912) 345-67-89) платил картой 4111 1111 1111 1111 со счёта DE89 3704 0044 0532 0130 00 12.05.2024.";

        var scrubbed = PiiScrubber.Scrub(text, usernames: true);

        Assert.DoesNotContain("client@example.com", scrubbed.Text);
        Assert.DoesNotContain("345-67-89", scrubbed.Text);
        Assert.DoesNotContain("4111", scrubbed.Text);
        Assert.DoesNotContain("DE89", scrubbed.Text);
        Assert.Contains("12.05.2024", scrubbed.Text);
        Assert.Equal(text, scrubbed.Restore(scrubbed.Text));
    }

    [Fact]
    public void APlaceholderTheModelRepeatsIsRestoredEveryTime()
    {
        var scrubbed = PiiScrubber.Scrub("Напишите ivan@mail.ru", usernames: false);

        var answer = scrubbed.Restore("""{"owner": "[EMAIL_1]", "contact": "[EMAIL_1]", "other": "[EMAIL_10]"}""");

        Assert.Equal("""{"owner": "ivan@mail.ru", "contact": "ivan@mail.ru", "other": "[EMAIL_10]"}""", answer);
    }

    [Fact]
    public void TextWithoutPersonalDataIsReturnedAsItIs()
    {
        const string text = "Деплой в 14:00, версия 2.3.1, 3 бага закрыто.";

        var scrubbed = PiiScrubber.Scrub(text, usernames: true);

        Assert.Same(text, scrubbed.Text);
        Assert.Empty(scrubbed.Originals);
    }

    private static void AssertReplaced(string text, string value, string placeholder)
    {
        var scrubbed = PiiScrubber.Scrub(text, usernames: false);

        Assert.Equal(text.Replace(value, placeholder, StringComparison.Ordinal), scrubbed.Text);
        Assert.Equal(value, scrubbed.Originals[placeholder]);
        Assert.Equal(text, scrubbed.Restore(scrubbed.Text));
    }
}
