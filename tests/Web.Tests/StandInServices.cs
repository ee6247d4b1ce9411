using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NewsPlatform.Web.Tests;

/// <summary>A call that reached the stand-in services.</summary>
public sealed record ServiceCall(string Method, string Path, string? Authorization);

/// <summary>
/// The three services' public APIs as the site uses them, answered by one small HTTP server that records every
/// call: a section tree, a free and a premium article, search, and an identity service with a few known readers.
/// Access tokens are "access-N"; a subscriber's is "access-subscriber". Refresh tokens rotate ("refresh-N").
/// </summary>
public sealed class StandInServices : IAsyncDisposable
{
    public const string Reader = "reader@example.org";
    public const string Subscriber = "subscriber@example.org";
    public const string LockedReader = "locked@example.org";
    /// <summary>A login for this address meets an identity service that answers 503 (the site must not send it again).</summary>
    public const string OutageReader = "outage@example.org";
    public const string TakenEmail = "taken@example.org";
    public const string Password = "right-password-1";
    /// <summary>An admin (and editor): their access token is "access-admin", the only one the admin endpoints take.</summary>
    public const string Admin = "admin@example.org";

    public static readonly Guid ReaderId = Guid.Parse("00000000-0000-0000-0000-0000000000ea");
    public static readonly Guid SubscriberId = Guid.Parse("00000000-0000-0000-0000-00000000005b");
    public static readonly Guid AdminId = Guid.Parse("00000000-0000-0000-0000-0000000000ad");
    /// <summary>An admin whose admin role the stand-in refuses to revoke, as the service refuses an admin's own (409 cannot-revoke-own-admin).</summary>
    public static readonly Guid GuardedAdminId = Guid.Parse("00000000-0000-0000-0000-000000000409");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _registered = new();
    private readonly ConcurrentDictionary<string, object> _subscriptions = new();
    private int _tokens;

    public ConcurrentQueue<ServiceCall> Calls { get; } = new();
    /// <summary>The JSON bodies the admin endpoints were sent, by path.</summary>
    public ConcurrentQueue<(string Path, JsonElement Body)> AdminBodies { get; } = new();
    /// <summary>The accounts the admin endpoints know, with the roles they give them (changed by role grants).</summary>
    public ConcurrentDictionary<Guid, (string Email, string Name, string[] Roles)> Accounts { get; } = new(new Dictionary<Guid, (string, string, string[])>
    {
        [ReaderId] = (Reader, "Rae Reader", ["reader"]),
        [SubscriberId] = (Subscriber, "Sam Subscriber", ["reader"]),
        [AdminId] = (Admin, "Ada Admin", ["reader", "editor", "admin"]),
        [GuardedAdminId] = ("guarded@example.org", "Gus Guarded", ["reader", "admin"]),
    });
    /// <summary>The partner keys issued, with their secrets (which only the answer to issuing one shows).</summary>
    public ConcurrentDictionary<Guid, (string Name, string Tier, string Key, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)> ApiKeys { get; } = new();
    /// <summary>The Search service's rebuild phase: idle, running, completed or failed.</summary>
    public string RebuildPhase { get; set; } = "idle";
    public string Address { get; }

    /// <summary>How long new access tokens live (the site renews a token in its last minute).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Refresh tokens the identity service refuses.</summary>
    public ConcurrentDictionary<string, bool> RevokedRefreshTokens { get; } = new();
    /// <summary>Makes the Articles service answer 503 to article reads.</summary>
    public bool ArticlesDown { get; set; }

    private StandInServices(WebApplication app)
    {
        _app = app;
        Address = app.Urls.First();
    }

    public static async Task<StandInServices> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StandInServices? services = null;
        app.Run(http => services!.AnswerAsync(http));
        await app.StartAsync();
        services = new StandInServices(app);
        return services;
    }

    public IReadOnlyList<ServiceCall> CallsSince(int mark) => Calls.Skip(mark).ToList();

    private async Task AnswerAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var authorization = http.Request.Headers.Authorization.ToString();
        Calls.Enqueue(new ServiceCall(http.Request.Method, path + http.Request.QueryString, authorization.Length > 0 ? authorization : null));
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : null;

        switch (http.Request.Method, path)
        {
            case (_, var p) when p.StartsWith("/api/admin/", StringComparison.Ordinal):
                await AdminAsync(http, p, token);
                return;
            case ("GET", "/api/sections"):
                await http.Response.WriteAsJsonAsync(new[]
                {
                    new { slug = "national", name = "National", subsections = new[] { new { slug = "society", name = "Society" } } },
                    new { slug = "business", name = "Business", subsections = new[] { new { slug = "tech", name = "Tech" } } },
                    new { slug = "photos", name = "Photos", subsections = new[] { new { slug = "photo-news", name = "Photo News" }, new { slug = "darkroom", name = "Darkroom" } } },
                });
                return;
            case ("GET", "/api/articles"):
                // A front of three pages of twenty, whatever page is asked.
                await http.Response.WriteAsJsonAsync(new { items = new[] { Summary("free-story", false), Summary("premium-story", true), GallerySummary() }, page = 1, pageSize = 20, total = 45 });
                return;
            case ("GET", "/api/articles/most-read"):
                await http.Response.WriteAsJsonAsync(new[] { Summary("free-story", false) });
                return;
            case ("GET", var p) when p.StartsWith("/api/articles/", StringComparison.Ordinal) && p.EndsWith("/related", StringComparison.Ordinal):
                await http.Response.WriteAsJsonAsync(new[] { Summary("related-story", false) });
                return;
            case ("GET", var p) when p.StartsWith("/api/articles/", StringComparison.Ordinal):
                await ArticleAsync(http, p["/api/articles/".Length..], token);
                return;
            case ("GET", "/api/corrections"):
                await CorrectionsAsync(http);
                return;
            case ("GET", "/api/search"):
                await http.Response.WriteAsJsonAsync(new
                {
                    items = new[]
                    {
                        new
                        {
                            id = Guid.NewGuid(), slug = "free-story", headline = "Ferry trial begins", section = "national", subsection = (string?)null,
                            byline = "Kim Ha-eun", publishedAt = DateTimeOffset.UtcNow, updatedAt = (DateTimeOffset?)null, isPremium = false, score = 1.0,
                            snippet = "The <mark>ferry</mark> &lt;script&gt;alert(1)&lt;/script&gt; <b>bold</b>",
                        },
                    },
                    page = 1, pageSize = 10, total = 1, facets = new[] { new { section = "national", count = 1 } }, didYouMean = (string?)null,
                });
                return;
            case ("POST", "/api/auth/login"):
                await LoginAsync(http);
                return;
            case ("POST", "/api/auth/register"):
                await RegisterAsync(http);
                return;
            case ("POST", "/api/auth/refresh"):
                var refresh = (await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body)).GetProperty("refreshToken").GetString()!;
                if (RevokedRefreshTokens.ContainsKey(refresh))
                {
                    await ProblemAsync(http, 401, "invalid-refresh-token");
                    return;
                }
                RevokedRefreshTokens[refresh] = true; // single use, as the identity service's are
                await http.Response.WriteAsJsonAsync(Tokens(token is null ? "renewed" : "renewed"));
                return;
            case ("POST", "/api/auth/logout"):
                var revoked = (await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body)).GetProperty("refreshToken").GetString()!;
                RevokedRefreshTokens[revoked] = true;
                http.Response.StatusCode = 204;
                return;
            case ("GET", "/api/auth/me"):
                if (token is null) { http.Response.StatusCode = 401; return; }
                await http.Response.WriteAsJsonAsync(Profile(token switch { "access-subscriber" => Subscriber, "access-admin" => Admin, _ => Reader }));
                return;
            case ("GET", "/api/me/notifications"):
                await http.Response.WriteAsJsonAsync(new { items = Array.Empty<object>(), page = 1, pageSize = 1, total = 3, unread = 3 });
                return;
            case ("GET", "/api/me/follows"):
                await http.Response.WriteAsJsonAsync(new[] { "national" });
                return;
            case ("GET", "/api/subscriptions/me"):
                await http.Response.WriteAsJsonAsync(token is not null && _subscriptions.TryGetValue(token, out var mine) ? new[] { mine } : Array.Empty<object>());
                return;
            case ("POST", "/api/subscriptions"):
                // The sandbox's tokens: tok_ok charged at once, tok_timeout still being confirmed, anything else declined.
                var request = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
                var card = request.GetProperty("paymentToken").GetString();
                if (card is not ("tok_ok" or "tok_timeout"))
                {
                    await ProblemAsync(http, 402, "payment-declined");
                    return;
                }
                var subscription = new
                {
                    id = Guid.NewGuid(), planCode = "digital-monthly", planName = "Digital monthly", priceKrw = 9900,
                    status = card == "tok_ok" ? "active" : "pending", requestedAt = DateTimeOffset.UtcNow,
                    periodStart = card == "tok_ok" ? DateTimeOffset.UtcNow : (DateTimeOffset?)null,
                    periodEnd = card == "tok_ok" ? DateTimeOffset.UtcNow.AddMonths(1) : (DateTimeOffset?)null,
                    cancelledAt = (DateTimeOffset?)null, givesAccess = card == "tok_ok", endReason = (string?)null,
                };
                _subscriptions[token!] = subscription;
                http.Response.StatusCode = card == "tok_ok" ? 201 : 202;
                await http.Response.WriteAsJsonAsync(subscription);
                return;
            case ("GET", "/api/plans"):
                await http.Response.WriteAsJsonAsync(new[]
                {
                    new { code = "free", name = "Free", priceKrw = 0, period = "none", includesPremium = false },
                    new { code = "digital-monthly", name = "Digital monthly", priceKrw = 9900, period = "month", includesPremium = true },
                });
                return;
            default:
                http.Response.StatusCode = 404;
                return;
        }
    }

    private async Task ArticleAsync(HttpContext http, string slug, string? token)
    {
        if (ArticlesDown)
        {
            http.Response.StatusCode = 503;
            return;
        }
        if (slug == GallerySlug)
        {
            await http.Response.WriteAsJsonAsync(Gallery());
            return;
        }
        if (slug is not ("free-story" or "premium-story"))
        {
            await ProblemAsync(http, 404, "article-not-found");
            return;
        }
        var premium = slug == "premium-story";
        var locked = premium && token != "access-subscriber";
        await http.Response.WriteAsJsonAsync(new
        {
            id = Guid.NewGuid(), slug, headline = premium ? "Premium analysis: chip quotas" : "Ferry trial begins", summary = "What it means.",
            body = locked ? "<p>Opening paragraph for everyone.</p>" : "<p>Opening paragraph for everyone.</p><p>Subscriber-only quota tables.</p>",
            locked, section = "business", sectionName = "Business", subsection = "tech", subsectionName = "Tech",
            byline = "Choi Min-jae", sourceCredit = (string?)null, tags = new[] { "chips" }, leadPhoto = (object?)null, isPremium = premium,
            publishedAt = DateTimeOffset.UtcNow.AddHours(-2), updatedAt = (DateTimeOffset?)null, timeZone = "Asia/Seoul",
        });
    }

    private async Task LoginAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var email = body.GetProperty("email").GetString();
        if (email == OutageReader)
        {
            http.Response.StatusCode = 503;
            return;
        }
        if (email == LockedReader)
        {
            http.Response.Headers.RetryAfter = "840";
            await ProblemAsync(http, 423, "account-locked");
            return;
        }
        if (body.GetProperty("password").GetString() != Password || !(email is Reader or Subscriber or Admin || _registered.ContainsKey(email!)))
        {
            await ProblemAsync(http, 401, "invalid-credentials");
            return;
        }
        await http.Response.WriteAsJsonAsync(Tokens(email switch { Subscriber => "subscriber", Admin => "admin", _ => null }));
    }

    private async Task RegisterAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var email = body.GetProperty("email").GetString();
        if (email == TakenEmail)
        {
            await ProblemAsync(http, 409, "email-taken");
            return;
        }
        if (body.GetProperty("password").GetString() is not { Length: >= 10 })
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(new { status = 400, title = "One or more validation errors occurred.", errors = new { password = new[] { "A password has at least 10 characters." } } });
            return;
        }
        _registered[email!] = true;
        http.Response.StatusCode = 201;
        await http.Response.WriteAsJsonAsync(Profile(Reader));
    }

    private object Tokens(string? who)
    {
        var n = Interlocked.Increment(ref _tokens);
        var expires = DateTimeOffset.UtcNow.Add(AccessTokenLifetime);
        return new
        {
            accessToken = who is "subscriber" or "admin" ? $"access-{who}" : $"access-{n}", tokenType = "Bearer",
            expiresIn = (int)AccessTokenLifetime.TotalSeconds, expiresAt = expires, refreshToken = $"refresh-{n}",
        };
    }

    private static object Profile(string email) => email == Admin
        ? new
        {
            id = AdminId, email, displayName = "Ada Admin", roles = new[] { "reader", "editor", "admin" }, registeredAt = DateTimeOffset.UtcNow.AddDays(-30),
            subscription = (object?)null,
        }
        : new
        {
            id = email == Subscriber ? SubscriberId : ReaderId,
            email, displayName = email == Subscriber ? "Sam Subscriber" : "Rae Reader", roles = new[] { "reader" }, registeredAt = DateTimeOffset.UtcNow.AddDays(-3),
            subscription = (object?)null,
        };

    /// <summary>
    /// The Subscriptions service's admin API (readers, roles, partner keys) and the Search service's rebuild, for the
    /// admin's token only (anyone else: 403, as the services answer).
    /// </summary>
    private async Task AdminAsync(HttpContext http, string path, string? token)
    {
        if (token != "access-admin")
        {
            await ProblemAsync(http, 403, "forbidden");
            return;
        }
        JsonElement body = default;
        if (http.Request.ContentLength > 0 || http.Request.Headers.ContentType.Count > 0)
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            AdminBodies.Enqueue((path, body));
        }
        var segments = path["/api/admin/".Length..].Split('/');
        switch (http.Request.Method, segments)
        {
            case ("GET", ["users" or "users/"]) or ("GET", ["users", ""]):
                var email = http.Request.Query["email"].ToString();
                var q = http.Request.Query["q"].ToString();
                if (email.Length > 0 == q.Length > 0)
                {
                    http.Response.StatusCode = 400;
                    await http.Response.WriteAsJsonAsync(new { status = 400, title = "One or more validation errors occurred.", errors = new { q = new[] { "Give email (the whole address) or q (a part of an email or display name)." } } });
                    return;
                }
                var found = Accounts.Where(a => email.Length > 0
                        ? string.Equals(a.Value.Email, email, StringComparison.OrdinalIgnoreCase)
                        : a.Value.Email.Contains(q, StringComparison.OrdinalIgnoreCase) || a.Value.Name.Contains(q, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(a => a.Value.Email).Select(a => AdminProfile(a.Key)).ToArray();
                await http.Response.WriteAsJsonAsync(new { items = found, page = 1, pageSize = 20, total = found.Length });
                return;
            case ("GET", ["users", var id]) when Guid.TryParse(id, out var readerId):
                if (!Accounts.ContainsKey(readerId)) { await ProblemAsync(http, 404, "account-not-found"); return; }
                await http.Response.WriteAsJsonAsync(AdminProfile(readerId));
                return;
            case ("POST", ["users", var id, "roles"]) when Guid.TryParse(id, out var readerId):
                if (!Accounts.TryGetValue(readerId, out var account)) { await ProblemAsync(http, 404, "account-not-found"); return; }
                var role = body.GetProperty("role").GetString()!;
                var grant = !body.TryGetProperty("grant", out var g) || g.GetBoolean();
                if (readerId == GuardedAdminId && role == "admin" && !grant)
                {
                    await ProblemAsync(http, 409, "cannot-revoke-own-admin");
                    return;
                }
                var roles = grant ? account.Roles.Union([role]).ToArray() : account.Roles.Where(r => r != role).ToArray();
                Accounts[readerId] = account with { Roles = roles };
                await http.Response.WriteAsJsonAsync(AdminProfile(readerId));
                return;
            case ("GET", ["api-keys" or "api-keys/"]) or ("GET", ["api-keys", ""]):
                await http.Response.WriteAsJsonAsync(ApiKeys.OrderByDescending(k => k.Value.CreatedAt).Select(k => new
                {
                    id = k.Key, name = k.Value.Name, tier = k.Value.Tier, prefix = k.Value.Key[..11], createdAt = k.Value.CreatedAt,
                    createdBy = AdminId.ToString(), revokedAt = k.Value.RevokedAt, revokedBy = k.Value.RevokedAt is null ? null : GuardedAdminId.ToString(),
                }).ToArray());
                return;
            case ("POST", ["api-keys" or "api-keys/"]) or ("POST", ["api-keys", ""]):
                var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
                if (name.Length == 0)
                {
                    http.Response.StatusCode = 400;
                    await http.Response.WriteAsJsonAsync(new { status = 400, title = "One or more validation errors occurred.", errors = new { name = new[] { "A name has 1 to 100 characters, none of them control characters." } } });
                    return;
                }
                var newId = Guid.NewGuid();
                // Shaped like the identity service's keys: URL-safe Base64 (a '+' would be escaped in the page's HTML).
                var secret = $"np_{Guid.NewGuid():N}"[..11] + "_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                var tier = body.TryGetProperty("tier", out var t) && t.GetString() is { Length: > 0 } chosen ? chosen : "basic";
                var created = DateTimeOffset.UtcNow;
                ApiKeys[newId] = (name, tier, secret, created, null);
                http.Response.StatusCode = 201;
                await http.Response.WriteAsJsonAsync(new { id = newId, name, tier, prefix = secret[..11], createdAt = created, createdBy = AdminId.ToString(), key = secret });
                return;
            case ("DELETE", ["api-keys", var id]) when Guid.TryParse(id, out var keyId):
                if (!ApiKeys.TryGetValue(keyId, out var key)) { await ProblemAsync(http, 404, "api-key-not-found"); return; }
                ApiKeys[keyId] = key with { RevokedAt = key.RevokedAt ?? DateTimeOffset.UtcNow };
                http.Response.StatusCode = 204;
                return;
            case ("GET", ["search", "rebuild"]):
                await http.Response.WriteAsJsonAsync(Rebuild());
                return;
            case ("POST", ["search", "rebuild"]):
                if (RebuildPhase == "running")
                {
                    await ProblemAsync(http, 409, "rebuild-running");
                    return;
                }
                RebuildPhase = "running";
                http.Response.StatusCode = 202;
                await http.Response.WriteAsJsonAsync(Rebuild());
                return;
            default:
                http.Response.StatusCode = 404;
                return;
        }
    }

    private object AdminProfile(Guid id)
    {
        var (email, name, roles) = Accounts[id];
        return new
        {
            id, email, displayName = name, roles, registeredAt = new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero),
            subscription = id == SubscriberId
                ? new
                {
                    id = Guid.NewGuid(), planCode = "digital-monthly", planName = "Digital monthly", priceKrw = 9900, status = "active",
                    requestedAt = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), periodStart = (DateTimeOffset?)new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero),
                    periodEnd = (DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), cancelledAt = (DateTimeOffset?)null, givesAccess = true,
                    endReason = (string?)null,
                }
                : null,
        };
    }

    private object Rebuild() => RebuildPhase switch
    {
        "running" => new
        {
            phase = "running", processed = 300L, total = 1200L, percent = 25.0, startedAt = (DateTimeOffset?)new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero),
            finishedAt = (DateTimeOffset?)null, events = 600L, eventsPerSecond = (double?)null, error = (string?)null,
        },
        "completed" => new
        {
            phase = "completed", processed = 1200L, total = 1200L, percent = 100.0, startedAt = (DateTimeOffset?)new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero),
            finishedAt = (DateTimeOffset?)new DateTimeOffset(2026, 12, 1, 2, 0, 12, TimeSpan.Zero), events = 600L, eventsPerSecond = (double?)50.0, error = (string?)null,
        },
        _ => new
        {
            phase = RebuildPhase, processed = 0L, total = 0L, percent = 0.0, startedAt = (DateTimeOffset?)null, finishedAt = (DateTimeOffset?)null,
            events = 0L, eventsPerSecond = (double?)null, error = (string?)null,
        },
    };

    /// <summary>The gallery of the stand-in's fronts and its page: three uploaded photos in order, an introduction, two corrections.</summary>
    public const string GallerySlug = "harbour-lights";
    public static readonly DateTimeOffset FirstCorrectionAt = new(2026, 11, 30, 23, 15, 0, TimeSpan.Zero);   // 08:15 KST on Dec. 1
    public static readonly DateTimeOffset SecondCorrectionAt = new(2026, 12, 1, 5, 40, 0, TimeSpan.Zero);   // 14:40 KST

    public static object Photo(int n, int width, int height) => new
    {
        url = $"/photos/0000000{n}-0000-0000-0000-000000000000/1600.jpg", caption = $"Caption of photo {n}", credit = $"Credit {n}",
        photoId = Guid.Parse($"0000000{n}-0000-0000-0000-000000000000"), width, height,
        sizes = new[] { 320, 640, 1024, 1600 }.Select(w => new { width = w, height = w * height / width, url = $"/photos/0000000{n}-0000-0000-0000-000000000000/{w}.jpg" }).ToArray(),
    };

    private static object Gallery() => new
    {
        id = Guid.Parse("0193a0b2-0000-7000-8000-0000000000aa"), slug = GallerySlug, headline = "Harbour lights at Busan", summary = "A night on the docks.",
        body = "<p>The port works through the night.</p>", locked = false, section = "photos", sectionName = "Photos", subsection = "darkroom", subsectionName = "Darkroom",
        byline = "Park Ji-won", sourceCredit = (string?)null, tags = new[] { "busan" }, leadPhoto = (object?)null, isPremium = false,
        publishedAt = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), updatedAt = (DateTimeOffset?)SecondCorrectionAt, timeZone = "Asia/Seoul",
        postedLocal = new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.FromHours(9)), updatedLocal = (DateTimeOffset?)null,
        kind = "gallery",
        gallery = new[] { Photo(1, 4000, 3000), Photo(2, 3000, 4000), Photo(3, 4000, 2250) },
        corrections = new[]
        {
            new { note = "An earlier version misnamed the pier.", at = FirstCorrectionAt, atLocal = FirstCorrectionAt.ToOffset(TimeSpan.FromHours(9)) },
            new { note = "The third photo was taken in Gamcheon, not Nampo.", at = SecondCorrectionAt, atLocal = SecondCorrectionAt.ToOffset(TimeSpan.FromHours(9)) },
        },
    };

    private static object GallerySummary() => new
    {
        id = Guid.NewGuid(), slug = GallerySlug, headline = "Harbour lights at Busan", summary = "A night on the docks.", section = "photos", subsection = "darkroom",
        byline = "Park Ji-won", sourceCredit = (string?)null, tags = Array.Empty<string>(), leadPhoto = Photo(1, 4000, 3000), isPremium = false,
        publishedAt = DateTimeOffset.UtcNow.AddHours(-4), updatedAt = (DateTimeOffset?)null, kind = "gallery", galleryPhotos = 3,
    };

    /// <summary>How many corrections the stand-in's list has: three pages of twenty, the last one short.</summary>
    public const int CorrectionCount = 45;
    public static readonly DateTimeOffset NewestCorrectionAt = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    // Newest first: the n-th (from 0) an hour before the one above it, on the article "corrected-n".
    private static async Task CorrectionsAsync(HttpContext http)
    {
        var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 1;
        var size = int.TryParse(http.Request.Query["pageSize"], out var s) ? s : 20;
        var items = Enumerable.Range((page - 1) * size, size).Where(n => n < CorrectionCount).Select(n => new
        {
            articleId = Guid.Parse($"00000000-0000-0000-0000-{n:D12}"), slug = $"corrected-{n}", headline = $"Corrected story {n}",
            section = "national", sectionName = "National", note = $"Note {n}: a name was misspelled.",
            at = NewestCorrectionAt.AddHours(-n), atLocal = NewestCorrectionAt.AddHours(-n).ToOffset(TimeSpan.FromHours(9)),
        }).ToArray();
        await http.Response.WriteAsJsonAsync(new { items, page, pageSize = size, total = CorrectionCount });
    }

    private static object Summary(string slug, bool premium) => new
    {
        id = Guid.NewGuid(), slug, headline = $"Headline of {slug}", summary = "A dek.", section = "business", subsection = "tech",
        byline = "Choi Min-jae", sourceCredit = (string?)null, tags = Array.Empty<string>(), leadPhoto = (object?)null, isPremium = premium,
        publishedAt = DateTimeOffset.UtcNow.AddHours(-3), updatedAt = (DateTimeOffset?)null,
    };

    private static async Task ProblemAsync(HttpContext http, int status, string kind)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json";
        await http.Response.WriteAsJsonAsync(new { status, type = $"https://newsplatform.dev/problems/{kind}", title = kind });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
