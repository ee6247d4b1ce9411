namespace NewsPlatform.Subscriptions.Plans;

public enum BillingPeriod { None, Month, Year }

/// <summary>A plan on sale. Prices are in Korean won (no minor unit).</summary>
public sealed record Plan(string Code, string Name, long PriceKrw, BillingPeriod Period, bool IncludesPremium);

public static class PlanCatalogue
{
    public static IReadOnlyList<Plan> OnSale { get; } =
    [
        new("free", "Free", 0, BillingPeriod.None, IncludesPremium: false),
        new("digital-monthly", "Digital monthly", 9_900, BillingPeriod.Month, IncludesPremium: true),
        new("digital-annual", "Digital annual", 99_000, BillingPeriod.Year, IncludesPremium: true),
        new("epaper-monthly", "E-paper monthly", 15_000, BillingPeriod.Month, IncludesPremium: true),
    ];

    public static Plan? Find(string code) => OnSale.FirstOrDefault(p => p.Code == code);
}

public static class PlansApi
{
    public static void MapPlans(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/plans").WithTags("Plans")
            .MapGet("/", () => TypedResults.Ok(PlanCatalogue.OnSale))
            .WithName("GetPlans")
            .WithSummary("Plans on sale");
}
