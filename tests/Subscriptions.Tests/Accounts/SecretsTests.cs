using NewsPlatform.Subscriptions.Tokens;

namespace NewsPlatform.Subscriptions.Tests.Accounts;

/// <summary>The service's random secrets and derived ids: pure rules, no database.</summary>
public sealed class SecretsTests
{
    [Fact]
    public void A_secret_is_url_safe_unpadded_and_new_every_time()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => Secrets.New(32)).ToList();
        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s)); // 32 bytes, base64url, no '='
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void A_secret_is_kept_as_its_sha256_in_lower_case_hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.HashOf("abc"));
    }

    [Fact]
    public void The_same_cause_always_derives_the_same_id_and_another_cause_another()
    {
        Assert.Equal(DerivedIds.Of("alert:reader:article"), DerivedIds.Of("alert:reader:article"));
        Assert.NotEqual(DerivedIds.Of("alert:reader:article"), DerivedIds.Of("digest:reader:article"));
    }
}
