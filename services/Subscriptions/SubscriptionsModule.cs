using JasperFx.Events.Projections;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using NewsPlatform.Subscriptions.Accounts;
using NewsPlatform.Subscriptions.ApiKeys;
using NewsPlatform.Subscriptions.Follows;
using NewsPlatform.Subscriptions.Integration;
using NewsPlatform.Subscriptions.Mail;
using NewsPlatform.Subscriptions.Newsletters;
using NewsPlatform.Subscriptions.Plans;
using NewsPlatform.Subscriptions.Subscribing;
using NewsPlatform.Subscriptions.Telemetry;
using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions;

public static class SubscriptionsModule
{
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SubscriptionsMetrics>();
        builder.Services.AddExceptionHandler<SubscriptionsProblems>();
        builder.Services.Configure<TokenSettings>(builder.Configuration.GetSection("Identity"));

        // Accounts and tokens
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<RefreshTokens>();
        builder.Services.AddScoped<AccountLinks>();
        builder.Services.AddHostedService<InitialAdmin>();

        // Mail: queued in this database with what caused it, handed to the SMTP server (ConnectionStrings:mail) by one replica at a time.
        builder.Services.AddOptions<MailSettings>().Bind(builder.Configuration.GetSection("Mail")).Configure<IConfiguration>((mail, configuration) =>
        {
            mail.PublicationTitle = configuration["Publication:Title"] ?? mail.PublicationTitle;
            mail.SiteUrl = configuration["Publication:SiteUrl"] ?? mail.SiteUrl;
            mail.TimeZone = configuration["Publication:TimeZone"] ?? mail.TimeZone;
        });
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddHostedService<MailDelivery>();
        builder.Services.AddSingleton<MorningBriefing>();
        builder.Services.AddSingleton<DailyDigest>();
        builder.Services.AddHostedService<NewsletterJob>();

        // Plans and subscriptions: the built-in sandbox payment provider unless another is registered.
        builder.Services.AddSingleton<SandboxPaymentProvider>();
        builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SandboxPaymentProvider>());
        builder.Services.AddSingleton<SubscriptionBilling>();
        builder.Services.AddHostedService<BillingJob>();

        // This service verifies the tokens it signs with its own keys, without asking itself over HTTP.
        builder.AddPlatformAuthentication();
        builder.AddApiDescription("NewsPlatform Subscriptions & identity");
        builder.Services.AddOptions<JwtBearerOptions>(AuthenticationExtensions.JwtScheme)
            .Configure<SigningKeys>((options, keys) =>
                options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId));

        builder.AddEventStore("subscriptionsdb", options =>
            {
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.AddEventTypes([
                    typeof(AccountRegistered), typeof(LoginFailed), typeof(AccountLocked), typeof(FailedLoginsCleared),
                    typeof(RoleGranted), typeof(RoleRevoked), typeof(SectionFollowed), typeof(SectionUnfollowed),
                    typeof(SubscriptionRequested), typeof(PaymentCaptured), typeof(PaymentDeclined), typeof(PaymentTimedOut),
                    typeof(SubscriptionAbandoned), typeof(SubscriptionCancelled), typeof(SubscriptionExpired),
                    typeof(EmailVerified), typeof(PasswordChanged), typeof(EmailChanged), typeof(MailPreferencesChanged),
                ]);
                options.Projections.Add<ReaderAccountProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<EmailClaim>();
                options.Schema.For<SigningKeyDocument>();
                options.Schema.For<RefreshTokenDocument>().UseOptimisticConcurrency(true).Index(t => t.FamilyId).Index(t => t.ReaderId);
                options.Schema.For<AccountLink>().UseOptimisticConcurrency(true).Index(l => l.ReaderId);
                options.Schema.For<OutgoingMail>().Index(m => m.NextAttemptAt).Index(m => m.SentAt);
                options.Schema.For<UnsubscribeKey>().UniqueIndex(k => k.Token);
                options.Schema.For<EditionArticle>().Index(a => a.PublishedAt);
                options.Schema.For<DigestEntry>().Index(e => e.ReaderId);
                options.Schema.For<BriefingEdition>();
                options.Projections.Add<SubscriptionProjection>(ProjectionLifecycle.Inline);
                options.Schema.For<Subscription>().Index(s => s.ReaderId).Index(s => s.Status);
                options.Schema.For<OpenSubscription>();
                options.Schema.For<ReaderAccount>().GinIndexJsonData();
                options.Schema.For<Notification>().Index(n => n.ReaderId);
                options.Schema.For<ApiKey>().UniqueIndex(k => k.KeyHash);
                options.Schema.For<SandboxCharge>();
            })
            .AddSubscriptionWithServices<AccountEventsForwarder>(ServiceLifetime.Singleton)
            .AddSubscriptionWithServices<SubscriptionEventsForwarder>(ServiceLifetime.Singleton);

        builder.AddMessageBus("messaging", "subscriptions", bus =>
        {
            bus.AddConsumer<NotifyFollowers>();
            bus.AddConsumer<MailSectionAlerts>();
            bus.AddConsumer<KeepEditionArticles>();
        });
        return builder;
    }

    public static WebApplication MapSubscriptionsApi(this WebApplication app)
    {
        app.MapOpenApi(); // /openapi/v1.json, read by the gateway (which does not route it)
        app.MapDiscovery();
        app.MapAccounts();
        app.MapVerifyEmail();
        app.MapResetPassword();
        app.MapChangeEmail();
        app.MapRoles();
        app.MapFindReaders();
        app.MapPlans();
        app.MapSubscriptions();
        app.MapFollows();
        app.MapMailPreferences();
        app.MapUnsubscribe();
        app.MapApiKeys();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class SubscriptionsService;
