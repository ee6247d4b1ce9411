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

    // Mailed links: verify an address, set a new password, confirm a new address.
    public Task<ApiAnswer<EmailVerification>> VerifyEmailAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<EmailVerification>(HttpMethod.Post, "/api/auth/verify-email", new { token }, null, cancellationToken);

    public Task<ApiAnswer<EmailVerification>> ResendVerificationAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<EmailVerification>(HttpMethod.Post, "/api/me/email/verification", null, accessToken, cancellationToken);

    public Task<ApiAnswer<NoContent>> RequestPasswordResetAsync(string email, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Post, "/api/auth/password-reset", new { email }, null, cancellationToken);

    public Task<ApiAnswer<NoContent>> CheckPasswordResetAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Post, "/api/auth/password-reset/check", new { token }, null, cancellationToken);

    public Task<ApiAnswer<NoContent>> CompletePasswordResetAsync(string token, string password, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Post, "/api/auth/password-reset/complete", new { token, password }, null, cancellationToken);

    public Task<ApiAnswer<EmailChangeAccepted>> RequestEmailChangeAsync(string accessToken, string newEmail, string password, CancellationToken cancellationToken) =>
        SendAsync<EmailChangeAccepted>(HttpMethod.Post, "/api/me/email", new { newEmail, password }, accessToken, cancellationToken);

    public Task<ApiAnswer<EmailVerification>> ConfirmEmailChangeAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<EmailVerification>(HttpMethod.Post, "/api/auth/email-change/confirm", new { token }, null, cancellationToken);

    // What a reader gets by mail, and the one-click unsubscribe links of the mails.
    public Task<ApiAnswer<MailPreferences>> MailPreferencesAsync(string accessToken, CancellationToken cancellationToken) =>
        GetAsync<MailPreferences>("/api/me/mail-preferences", accessToken, cancellationToken);

    public Task<ApiAnswer<MailPreferences>> ChangeMailPreferencesAsync(string accessToken, string alerts, bool morningBriefing, CancellationToken cancellationToken) =>
        SendAsync<MailPreferences>(HttpMethod.Put, "/api/me/mail-preferences", new { alerts, morningBriefing }, accessToken, cancellationToken);

    public Task<ApiAnswer<UnsubscribeState>> UnsubscribeStateAsync(string token, CancellationToken cancellationToken) =>
        GetAsync<UnsubscribeState>($"/api/mail/unsubscribe/{Uri.EscapeDataString(token)}", null, cancellationToken);

    public Task<ApiAnswer<UnsubscribeState>> UnsubscribeAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<UnsubscribeState>(HttpMethod.Post, $"/api/mail/unsubscribe/{Uri.EscapeDataString(token)}", null, null, cancellationToken);
}
