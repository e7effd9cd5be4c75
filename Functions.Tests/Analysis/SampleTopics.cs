using Sift.Topics;

namespace Sift.Tests.Analysis;

/// <summary>The topics a small product team would define, with keywords in the languages it writes in.</summary>
internal static class SampleTopics
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Topic> All { get; } =
    [
        Make("deploy", "Deploy & infrastructure", "Releases, deployments, servers, CI/CD pipelines and the infrastructure they run on",
            ["deploy", "deployment", "release", "rollback", "staging", "production", "prod", "server", "kubernetes", "k8s", "cluster",
             "docker", "terraform", "pipeline", "ci", "migration", "database", "postgres", "dns", "cloudflare", "azure", "runbook",
             "outage", "hotfix", "helm", "build", "деплой", "релиз", "откат", "сервер", "прод", "кластер", "пайплайн", "миграция",
             "сборка", "мониторинг", "реліз", "міграція", "bereitstellung", "migrieren", "despliegue", "producción", "servidor"],
            ["key vault", "status page", "on-call", "release notes"]),
        Make("billing", "Billing & payments", "Invoices, payments, subscriptions, refunds and pricing",
            ["invoice", "billing", "payment", "charge", "refund", "subscription", "pricing", "seats", "stripe", "vat",
             "счёт", "оплата", "платёж", "подписка", "возврат", "тариф", "ндс", "налог", "биллинг", "рахунок", "платіж", "підписка",
             "ціна", "rechnung", "zahlung", "abo", "preis", "factura", "pago", "cobrar", "suscripción", "reembolso", "precio"],
            ["credit card", "stripe tax"]),
        Make("hiring", "Hiring", "Candidates, interviews, offers and open positions",
            ["hiring", "hire", "candidate", "interview", "offer", "vacancy", "recruiter", "cv", "resume", "scorecard",
             "кандидат", "собеседование", "оффер", "вакансия", "резюме", "найм", "кандидатка", "співбесіда", "офер", "вакансія",
             "bewerber", "bewerbung", "vorstellungsgespräch", "stelle", "candidato", "candidata", "entrevista", "oferta", "vacante", "puesto"],
            []),
        Make("security", "Security", "Access, passwords, secrets, vulnerabilities and certificates",
            ["security", "password", "2fa", "mfa", "token", "secret", "leak", "vulnerability", "cve", "xss", "access", "permission",
             "certificate", "ssl", "tls", "phishing", "revoke", "пароль", "уязвимость", "токен", "секрет", "утечка", "доступ",
             "сертификат", "аутентификация", "вразливість", "витік", "ключ", "passwort", "sicherheitslücke", "zugriff", "zugang",
             "zertifikat", "contraseña", "vulnerabilidad", "acceso", "seguridad", "certificado"],
            ["rate limit", "two-factor", "двухфакторная аутентификация"]),
        Make("frontend", "Frontend", "The web and mobile UI: layout, components, CSS and browsers",
            ["frontend", "ui", "css", "layout", "button", "page", "component", "react", "safari", "firefox", "browser", "mobile",
             "tailwind", "vite", "playwright", "кнопка", "страница", "вёрстка", "фронтенд", "сторінка", "верстка",
             "oberfläche", "benutzeroberfläche", "startseite", "schaltfläche", "botón", "página", "interfaz", "formulario", "pantalla"],
            ["dark mode", "modo oscuro", "date picker"]),
    ];

    private static Topic Make(string id, string name, string description, string[] keywords, string[] phrases) =>
        new(id, name, description, keywords, phrases, Created, Created);
}
