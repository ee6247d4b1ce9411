using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPlatform.Contracts.Articles;
using NewsPlatform.TestSupport;

namespace NewsPlatform.Subscriptions.Tests.Mail;

/// <summary>
/// The identity service on a database, virtual host and bus of its own (a briefing is one per day and database), with
/// a clock the test moves: the briefing and the digest are set to the next minute, so nothing is due until the test
/// advances the clock past it.
/// </summary>
public sealed class NewsletterStack : IAsyncDisposable
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private readonly IsolatedDatabase _database = IsolatedDatabase.Named("newsletters");
    private IsolatedVirtualHost _virtualHost = null!;

    /// <summary>
    /// Starts on a whole second: a time with 100-ns ticks is rounded to PostgreSQL's microseconds when compared, and
    /// a clock that does not move would then never reach a mail due "now".
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(WholeSecondNow());

    public static DateTimeOffset WholeSecondNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    public ServiceUnderTest<SubscriptionsService> Service { get; private set; } = null!;
    public TestBus Bus { get; private set; } = null!;
    public TestSmtpServer Mail { get; private set; } = null!;

    public static async Task<NewsletterStack> StartAsync(TestSmtpServer mail)
    {
        var stack = new NewsletterStack { Mail = mail };
        stack._virtualHost = await IsolatedVirtualHost.CreateAsync("newsletters");
        stack.Bus = await TestBus.StartAsync(stack._virtualHost.AmqpUri);
        var next = TimeZoneInfo.ConvertTime(stack.Clock.GetUtcNow().AddMinutes(1), Seoul);
        var due = new TimeOnly(next.Hour, next.Minute).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var clock = stack.Clock;
        stack.Service = new ServiceUnderTest<SubscriptionsService>(new Dictionary<string, string?>
            {
                ["ConnectionStrings:subscriptionsdb"] = stack._database.ConnectionString,
                ["ConnectionStrings:messaging"] = stack._virtualHost.AmqpUri,
                ["ConnectionStrings:mail"] = mail.ConnectionString,
                ["Publication:SiteUrl"] = SubscriptionsServiceFixture.SiteUrl,
                ["Publication:TimeZone"] = "Asia/Seoul",
                ["Mail:PollInterval"] = "00:00:00.500",
                ["Mail:NewsletterCheckInterval"] = "00:00:00.500",
                ["Mail:BriefingAt"] = due,
                ["Mail:DigestAt"] = due,
            },
            services => services.AddSingleton<TimeProvider>(clock));
        await stack.Service.StartAsync();
        return stack;
    }

    /// <summary>Past the briefing's and the digest's minute.</summary>
    public void PassTheMailTimes() => Clock.Advance(TimeSpan.FromMinutes(2));

    public static ArticlePublished Article(string section, string headline, string body, bool premium = false, string? teaser = null) =>
        new(Guid.NewGuid(), 2, new ArticleContent($"slug-{Guid.NewGuid():N}", headline, "A summary for the fronts.", body, section, null, [],
            "Reporter", null, premium, teaser), DateTimeOffset.UtcNow.AddMinutes(-5), null);

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Bus.DisposeAsync();
        await _virtualHost.DisposeAsync();
        await _database.DisposeAsync();
    }
}
