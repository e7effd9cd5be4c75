namespace Sift.Bench.SpamModel;

/// <summary>The synthetic set's templates (written for this project; see <see cref="Synthetic"/>).</summary>
public static class Templates
{
    public static readonly string[] EnglishSpam =
    [
        "WINNER!! You have been selected to receive a {prize}. Call {phone} to claim now. T&Cs apply, 18+",
        "Congratulations! Your mobile number won {money} in our weekly draw. To claim txt CLAIM to {short}",
        "URGENT! Your account has a pending reward of {money}. Reply YES to {short} or call {phone} before midnight",
        "FREE entry into our {money} competition! Text WIN to {short} now. Std msg rates apply. txt STOP to {short} to opt out",
        "You are a lucky customer! Claim your {prize} at {url} - offer ends today {emoji}",
        "Your parcel could not be delivered. Pay the {money} redelivery fee at {url}",
        "Bank alert: unusual sign-in detected. Verify your card details at {url} or your account will be suspended",
        "Earn {money} per week working from home! No experience needed. Reply JOB to {short}",
        "Hot singles in your area want to chat! Call {phone} now, only 150p/min",
        "Get a FREE {prize} when you upgrade today! Call our team free on {phone} or visit {url}",
        "Last chance! Your {money} bonus expires tonight. Log in at {url} to collect {emoji}",
        "You have 1 new voicemail. Call {phone} to listen. Calls cost 25p per min",
        "Exclusive deal: 50% off all orders this weekend only! Shop now at {url} Reply STOP to unsubscribe",
        "Your loan of {money} is pre-approved. No credit checks! Apply at {url} today",
        "{emoji} CRYPTO SIGNALS {emoji} Turn {money} into {money} in 24 hours. Join now {invite}",
        "Dear customer, your SIM will be blocked. Update your details at {url} to avoid disconnection",
        "Double your bitcoin in 1 hour! Send to our wallet and receive 2x back. Limited slots: {invite}",
        "FREE iPhone giveaway {emoji} just pay shipping, enter your card details at {url}",
        "Txt MUSIC to {short} to get the latest ringtones FREE! 3 per week, £1.50 each. Help? {phone}",
        "Your Amazon order #{n}{n}{n} is on hold. Confirm payment at {url}",
        "I made {money} last week trading with this app, DM me and I will show you how {emoji}",
        "EARN {money} PER WEEK FROM HOME!!! Limited places, message me now {emoji}",
        "Claim your tax refund of {money} now: {url}",
        "Sexy chat 24/7, text DATE to {short} for your first 3 messages free",
    ];

    public static readonly string[] EnglishHam =
    [
        "Hey, can you call me when you get home? I'm at {name}'s till {time}",
        "I'll be late tonight, train's delayed. Save me some dinner",
        "Did you win the match on Saturday? {name} said it was close",
        "Txt me the address and I'll come over after work",
        "Running 10 mins late, order me a coffee pls",
        "Just got my results, passed! Thanks for helping me revise",
        "Can you pick up milk and bread on the way back?",
        "Free this weekend? Thinking of a walk if the weather's ok",
        "Call me back when you're free, it's about the car insurance",
        "Happy birthday {name}! Hope you have a great day",
        "I won't make it to the gym at {time}, shall we move it to tomorrow?",
        "The deploy finished, {code} is fixed in staging, please check the login page",
        "Mum says the cost of the flights went up to {money}, still want to come?",
        "Meeting moved to {time}, same room. Bring the slides",
        "Where did you park? I'm by the main entrance",
        "Thanks for dinner last night, that pasta was amazing",
        "Ok I paid you back the {money} for the tickets, check your account",
        "Can you send me the link to that article you mentioned?",
        "Are we still on for {time}? Let me know if anything changes",
        "Got a new number, this is {name}. Save it",
        "Sorry I missed your call, was in a meeting. What's up?",
        "The build is failing on main again, {code} in the tests, looking at it now",
        "Reminder: dentist tomorrow at {time}",
        "I left the keys under the mat, back around {time}",
    ];

    public static readonly string[] UkrainianSpam =
    [
        "Шукаємо людей на віддалену роботу, дохід від {uah} на день! Пишіть в особисті {emoji}",
        "Терміново потрібні люди для легкого заробітку, {uah} за 2 години. Деталі в ЛС",
        "{emoji} Безкоштовний розіграш {prize}! Переходь {invite} і забирай подарунок",
        "Заробіток на криптовалюті без вкладень, пасивний дохід {uah} на тиждень. Приєднуйся: {invite}",
        "Вітаю! Ви виграли {uah}. Для отримання введіть дані картки на {url}",
        "Набираю команду, оплата щодня від {uah}, досвід не потрібен. Пиши мені {emoji}",
        "Хочеш заробляти з телефону? Пиши + в особисті, все розповім",
        "Продам акаунти, недорого, гарантія. Звертайтесь в ЛС",
        "Інвестиції з гарантованим прибутком 30% на місяць! Реєстрація {url}",
        "Ставки на спорт з виграшем 100%! Договірні матчі, пиши {emoji}",
        "Потрібні кур'єри, {uah} в день, виплати одразу. Пишіть +",
        "Швидкі кредити онлайн без перевірок, гроші на картку за 5 хвилин {url}",
        "{emoji}{emoji} ЗАРОБІТОК ВІД {uah} НА ДЕНЬ {emoji} ПИШИ В ЛС",
        "Допоможу закрити борги, пишіть в особисті, розкажу як",
        "Казино з бонусом 200% на перший депозит, фріспіни тут: {url}",
        "Безкоштовні сигнали по біткоїну, приєднуйся до каналу {invite}",
    ];

    public static readonly string[] UkrainianHam =
    [
        "Після оновлення до версії {code} сервіс падає з помилкою таймауту, хтось бачив таке?",
        "Я відкотив реліз, помилки зникли, завтра розберемося з причиною",
        "Хто сьогодні черговий? Треба перезапустити базу о {time}",
        "Домовились: деплой у п'ятницю, тести ганяємо в четвер",
        "Дякую за допомогу з конфігом, все запрацювало",
        "{name}, глянь будь ласка мій PR, там невеликі зміни в API",
        "Коли буде зустріч по бюджету? Я можу після {time}",
        "У мене не збирається проект, пише що не знайдено залежність",
        "Зарплату перерахували? У мене ще не прийшла",
        "Можеш скинути посилання на документацію?",
        "Завтра не буде світла з {time} до обіду, працюю з кав'ярні",
        "Логи показують, що пам'ять росте після кожного запиту, схоже на витік",
        "Купив новий ноутбук за {uah}, поки задоволений",
        "Підкажіть, яку базу краще взяти для черги повідомлень?",
        "Зустрінемось біля метро о {time}, я буду в синій куртці",
        "Я виправив баг з авторизацією, перевірте на стейджі",
    ];

    public static readonly string[] RussianWork =
    [
        "Зарплату в этом месяце перечислят {n} числа, бухгалтерия задерживает из-за отчёта",
        "Премию за релиз обсудим на встрече в {time}, я подготовлю список",
        "Оплату хостинга продлили на год, счёт лежит в общей папке",
        "Инвестор попросил отчёт по выручке за квартал до пятницы",
        "Кто отвечает за закупку серверов? Бюджет согласовали, {uah}",
        "После отката ошибки ушли, но в логах остались таймауты к базе",
        "Деплой перенесли на четверг, тесты гоняем в среду вечером",
        "Бонусная программа для клиентов сломалась после обновления {code}, смотрю",
        "Подскажите, как в кубере ограничить память для пода?",
        "Доход от подписок вырос на {n}%, графики в дашборде",
        "Напишите в личку, если нужен доступ к стейджу, выдам",
        "Розыгрыш призов на корпоративе в пятницу, регистрация у {name}",
        "Кэшбэк в приложении не начисляется с прошлой версии, баг {code}",
        "Переходим на новый CI, ссылка на инструкцию в вики https://wiki.example.org/ci",
        "Заработала интеграция с платёжкой, проверьте возвраты на тестовой карте",
        "Бесплатный тариф облака заканчивается, надо решить, платим или переезжаем",
        "Подробности по отпуску и больничным в вики: {doc}",
        "Логи падения выложил сюда {doc}, посмотрите кто разбирается",
        "Новый регламент по премиям и бонусам, детали по ссылке {doc}",
        "Собрал сравнение тарифов, цены и лимиты тут {doc}, решаем до пятницы",
        "PR с исправлением: {doc} , нужен ещё один аппрув",
        "Инструкция как получить доступ к VPN: {doc}, пишите если не получится",
        "Details on the bonus scheme and payroll dates are on the wiki: {doc}",
        "Logs from the crash are here {doc}, can someone who knows the cache have a look?",
        "Pricing comparison for the new hosting plan: {doc} — let's decide by Friday",
        "Деталі щодо премій і відпусток у вікі: {doc}",
        "Виклав логи помилки сюди {doc}, хто може глянути?",
    ];

    public static readonly string[] EnglishNoise =
    [
        "ok", "thanks!", "thx {emoji}", "lol", "haha", "+1", "good morning all", "hi everyone {emoji}", "{emoji}", "nice",
        "👍", "gm", "ty", "yep", "cool cool", "lmao {emoji}", "hello", "welcome!", "same", "ok thanks", "np", "k", "[sticker]", "great {emoji}",
    ];

    public static readonly string[] RussianNoise =
    [
        "ок", "спасибо!", "спс {emoji}", "ахахах", "+", "всем привет", "доброе утро {emoji}", "{emoji}", "понял", "ага",
        "хаха", "круто", "норм", "благодарю", "привет", "пасиб", "ясно", "жиза", "лол {emoji}", "да", "[стикер]", "добро пожаловать", "ну ок", "класс {emoji}",
    ];

    public static readonly string[] UkrainianNoise =
    [
        "дякую!", "ок", "привіт усім", "добрий ранок {emoji}", "{emoji}", "ага", "хаха", "зрозумів", "дякс", "+1",
        "клас", "супер {emoji}", "вітаю", "так", "ясно", "норм", "[стікер]", "ласкаво просимо", "дуже дякую", "ну ок", "гарного дня", "ахаха", "згоден", "лол",
    ];
}
