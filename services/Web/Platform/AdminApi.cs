namespace NewsPlatform.Web.Platform;

/// <summary>
/// The Subscriptions service's admin API (<c>http://subscriptions/api/admin</c>), called with the admin's own token:
/// find readers and read one, grant or revoke a role, issue, list and revoke partner API keys. The service decides
/// what an admin may do (e.g. never revoke their own admin role); the desk only shows it.
/// </summary>
public sealed class AdminApi(HttpClient http) : ServiceClient(http, "subscriptions")
{
    private const string Users = "/api/admin/users";
    private const string Keys = "/api/admin/api-keys";

    /// <summary>Readers by their whole email address (<paramref name="email"/>, any case) or a part of an address or name (<paramref name="q"/>).</summary>
    public Task<ApiAnswer<Paged<ReaderProfile>>> FindReadersAsync(string token, string? email, string? q, int page, CancellationToken cancellationToken) =>
        GetAsync<Paged<ReaderProfile>>($"{Users}?{Query.Of(("email", email), ("q", q), ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            token, cancellationToken);

    public Task<ApiAnswer<ReaderProfile>> ReaderAsync(string token, Guid id, CancellationToken cancellationToken) =>
        GetAsync<ReaderProfile>($"{Users}/{id}", token, cancellationToken);

    /// <summary>Grants (<paramref name="grant"/> true) or revokes a role; the answer is the profile as it now is.</summary>
    public Task<ApiAnswer<ReaderProfile>> ChangeRoleAsync(string token, Guid id, string role, bool grant, CancellationToken cancellationToken) =>
        SendAsync<ReaderProfile>(HttpMethod.Post, $"{Users}/{id}/roles", new { role, grant }, token, cancellationToken);

    public Task<ApiAnswer<IReadOnlyList<ApiKeyListing>>> ApiKeysAsync(string token, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ApiKeyListing>>(Keys, token, cancellationToken);

    public Task<ApiAnswer<IssuedApiKey>> CreateApiKeyAsync(string token, string? name, string? tier, CancellationToken cancellationToken) =>
        SendAsync<IssuedApiKey>(HttpMethod.Post, Keys, new { name, tier }, token, cancellationToken);

    public Task<ApiAnswer<NoContent>> RevokeApiKeyAsync(string token, Guid id, CancellationToken cancellationToken) =>
        SendAsync<NoContent>(HttpMethod.Delete, $"{Keys}/{id}", null, token, cancellationToken);
}

/// <summary>The Search service's admin API (<c>http://search/api/admin/search</c>): the index rebuild and its progress.</summary>
public sealed class SearchAdminApi(HttpClient http) : ServiceClient(http, "search")
{
    private const string Rebuild = "/api/admin/search/rebuild";

    public Task<ApiAnswer<RebuildStatus>> RebuildStatusAsync(string token, CancellationToken cancellationToken) =>
        GetAsync<RebuildStatus>(Rebuild, token, cancellationToken);

    /// <summary>Starts a rebuild (202 with its status); a 409 <c>rebuild-running</c> problem while one runs.</summary>
    public Task<ApiAnswer<RebuildStatus>> StartRebuildAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<RebuildStatus>(HttpMethod.Post, Rebuild, null, token, cancellationToken);
}
