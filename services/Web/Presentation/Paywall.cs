using NewsPlatform.Web.Platform;

namespace NewsPlatform.Web.Presentation;

/// <summary>What an article page shows of its body, and which call to action goes with it.</summary>
public enum PaywallView
{
    /// <summary>A free article, or a premium one the reader is entitled to: the whole body.</summary>
    WholeBody,
    /// <summary>Premium, nobody logged in: the teaser, then subscribe — or log in if they already subscribe.</summary>
    TeaserAskToSubscribeOrLogIn,
    /// <summary>Premium, a logged-in reader without an entitlement: the teaser, then subscribe.</summary>
    TeaserAskToSubscribe,
}

/// <summary>
/// The Articles service decides who may read a premium body (it answers <c>locked</c>); the page only
/// chooses the words around what it was given.
/// </summary>
public static class Paywall
{
    public static PaywallView For(ArticleDetail article, bool loggedIn) => article.Locked
        ? loggedIn ? PaywallView.TeaserAskToSubscribe : PaywallView.TeaserAskToSubscribeOrLogIn
        : PaywallView.WholeBody;
}
