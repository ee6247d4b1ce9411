using NewsPlatform.Subscriptions.Plans;

namespace NewsPlatform.Subscriptions;

public static class SubscriptionsModule
{
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.AddEventStore("subscriptionsdb", _ => { });
        builder.AddMessageBus("messaging", "subscriptions");
        return builder;
    }

    public static WebApplication MapSubscriptionsApi(this WebApplication app)
    {
        app.MapPlans();
        return app;
    }
}

/// <summary>Names this service's assembly, e.g. for an in-process test host.</summary>
public sealed class SubscriptionsService;
