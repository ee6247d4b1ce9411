using System.Diagnostics;
using NewsPlatform.TestSupport;
using Bus = NewsPlatform.Contracts.Articles;

namespace NewsPlatform.Articles.Tests.Faults;

/// <summary>Two Articles replicas as processes of their own; the one forwarding the event store to the bus is killed.</summary>
public sealed class ForwardingLeaderCrashTests
{
    [Fact(Timeout = 3 * 60_000)] // bounded: a fault test that hangs fails instead
    public async Task The_forwarding_leader_killed_with_SIGKILL_is_taken_over_within_30_s_and_no_publication_is_lost()
    {
        await using var database = IsolatedDatabase.Named("articles_leader");
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("articles_leader");
        await using var bus = await TestBus.StartAsync(virtualHost.AmqpUri, TestBus.Observe<Bus.ArticlePublished>());
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:articlesdb"] = database.ConnectionString,
            ["ConnectionStrings:messaging"] = virtualHost.AmqpUri,
            ["EventStore:DaemonMode"] = "HotCold", // as deployed: one replica forwards, the other stands by
            ["Authentication:DevelopmentTokens"] = "true",
        };
        await using var leader = new ServiceProcess("services/Articles", "NewsPlatform.Articles", settings);
        await leader.StartAsync();
        await using var standby = new ServiceProcess("services/Articles", "NewsPlatform.Articles", settings);

        async Task<Guid> PublishAsync(ServiceProcess replica, string headline)
        {
            var editor = new HttpClient { BaseAddress = replica.Address, DefaultRequestHeaders = { Authorization = new("Bearer", "dev:editor-1:editor") } };
            var desk = new NewsroomDesk(editor);
            return NewsroomDesk.Id(await desk.PublishAsync(await desk.DraftAsync(NewsroomDesk.Copy(headline)), new { }));
        }

        // Forwarded by the first replica while it runs alone, so it is the leader; then the second starts, standing by.
        var before = await PublishAsync(leader, $"Before the crash {Guid.NewGuid():N}"[..30]);
        await Eventually.Until(() => Task.FromResult(bus.Received<Bus.ArticlePublished>().Any(m => m.Message.ArticleId == before)),
            found => found, TimeSpan.FromSeconds(30), "the first publication on the bus");
        await standby.StartAsync();

        // Published on the leader right before it dies, then on the survivor while nobody forwards yet.
        var atCrash = await PublishAsync(leader, $"At the crash {Guid.NewGuid():N}"[..28]);
        await leader.KillAsync();
        var clock = Stopwatch.StartNew();
        var after = new List<Guid>();
        for (var i = 0; i < 5; i++) after.Add(await PublishAsync(standby, $"After the crash {i} {Guid.NewGuid():N}"[..32]));

        Guid[] expected = [before, atCrash, .. after];
        await Eventually.Until(() => Task.FromResult(expected.All(id => bus.Received<Bus.ArticlePublished>().Any(m => m.Message.ArticleId == id))),
            all => all, TimeSpan.FromSeconds(60), "every publication on the bus, from the replica that took over");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"taken over in {clock.Elapsed.TotalSeconds:0} s");
    }
}
