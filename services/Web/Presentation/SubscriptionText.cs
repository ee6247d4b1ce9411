using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>A subscription's state in the reader's words, and what happens next.</summary>
public static class SubscriptionText
{
    public static string Status(SubscriptionView subscription) => subscription.Status switch
    {
        "pending" => "Confirming your payment",
        "active" => "Active",
        "cancelled" => subscription.GivesAccess ? "Cancelled — premium access until the end of the period" : "Cancelled",
        "expired" => "Ended",
        _ => subscription.Status,
    };

    public static string WhatNext(SubscriptionView subscription, PublicationTime time) => subscription switch
    {
        { Status: "pending" } => "We are confirming your payment with the payment provider. This usually takes a minute; premium articles open as soon as it is confirmed, and you are charged once.",
        { Status: "active", PeriodEnd: { } end } => $"It renews on {time.ShortDate(end)} for ₩{subscription.PriceKrw:N0}. You can cancel any time before then.",
        { Status: "cancelled", PeriodEnd: { } end, GivesAccess: true } => $"You keep reading premium articles until {time.ShortDate(end)}. After that the subscription ends and nothing more is charged.",
        { Status: "cancelled" } or { Status: "expired" } => "Premium articles are closed to you. Subscribe again any time.",
        _ => "",
    };
}
