namespace NewsPlatform.Web.Platform;

/// <summary>The identity and reader APIs of the Subscriptions service (<c>http://subscriptions</c>).</summary>
public sealed class IdentityApi(HttpClient http) : ServiceClient(http, "subscriptions")
{
    public Task<ApiAnswer<ReaderProfile>> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken) =>
        SendAsync<ReaderProfile>(HttpMethod.Post, "/api/auth/register", new { email, password, displayName }, null, cancellationToken);

    public Task<ApiAnswer<TokenPair>> LoginAsync(string email, string password, CancellationToken cancellationToken) =>
        SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/login", new { email, password }, null, cancellationToken);

    public Task<ApiAnswer<TokenPair>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        SendAsync<TokenPair>(HttpMethod.Post, "/api/auth/refresh", new { refreshToken }, null, cancellationToken);

    public Task<ApiAnswer<NoContent>> LogoutAsync(string accessToken, string refreshToken, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Post, "/api/auth/logout", new { refreshToken }, accessToken, cancellationToken);

    public Task<ApiAnswer<ReaderProfile>> MeAsync(string accessToken, CancellationToken cancellationToken) =>
        GetAsync<ReaderProfile>("/api/auth/me", accessToken, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<Plan>>> PlansAsync(CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<Plan>>("/api/plans", null, cancellationToken);

    public Task<ApiAnswer<SubscriptionView>> SubscribeAsync(string accessToken, string planCode, string paymentToken, CancellationToken cancellationToken) =>
        SendAsync<SubscriptionView>(HttpMethod.Post, "/api/subscriptions", new { planCode, paymentToken }, accessToken, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<SubscriptionView>>> SubscriptionsAsync(string accessToken, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<SubscriptionView>>("/api/subscriptions/me", accessToken, cancellationToken);

    public Task<ApiAnswer<SubscriptionView>> CancelAsync(string accessToken, Guid subscriptionId, CancellationToken cancellationToken) =>
        SendAsync<SubscriptionView>(HttpMethod.Post, $"/api/subscriptions/{subscriptionId}/cancel", null, accessToken, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<string>>> FollowsAsync(string accessToken, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<string>>("/api/me/follows", accessToken, cancellationToken);

    public Task<ApiAnswer<NoContent>> FollowAsync(string accessToken, string section, bool follow, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(follow ? HttpMethod.Put : HttpMethod.Delete, $"/api/me/follows/{Uri.EscapeDataString(section)}", null,
            accessToken, cancellationToken);

    public Task<ApiAnswer<NotificationInbox>> NotificationsAsync(string accessToken, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<NotificationInbox>($"/api/me/notifications?page={page}&pageSize={pageSize}", accessToken, cancellationToken);

    public Task<ApiAnswer<NoContent>> MarkReadAsync(string accessToken, Guid notificationId, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Post, $"/api/me/notifications/{notificationId}/read", null, accessToken, cancellationToken);
}
