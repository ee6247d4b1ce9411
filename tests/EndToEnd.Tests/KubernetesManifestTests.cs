using NewsPlatform.TestSupport;
using YamlDotNet.RepresentationModel;

namespace NewsPlatform.EndToEnd.Tests;

/// <summary>
/// The Kubernetes manifests in <c>deploy/kubernetes</c>, read as YAML: every part of the platform is there with
/// the replicas it can run with, probes on the endpoints that mean ready and alive, its secrets from Secrets,
/// and the Search index on a local volume where the service looks for it.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Services = ["articles", "subscriptions", "search"];
    private static readonly string[] Workloads = [.. Services, "web", "gateway"];

    private static readonly Lazy<List<YamlMappingNode>> Documents = new(() =>
    {
        var folder = Repository.PathOf("deploy", "kubernetes");
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(file))) stream.Load(reader); // throws on malformed YAML
            documents.AddRange(stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode)));
        }
        return documents;
    });

    private static string? Text(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child)) return null;
            node = child;
        }
        return (node as YamlScalarNode)?.Value;
    }

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var child)) return null;
            node = child;
        }
        return node;
    }

    private static IEnumerable<YamlMappingNode> Items(YamlNode? sequence) =>
        (sequence as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    private static YamlMappingNode Find(string kind, string name) =>
        Assert.Single(Documents.Value, d => Text(d, "kind") == kind && Text(d, "metadata", "name") == name);

    private static YamlMappingNode Container(string workload) =>
        Assert.Single(Items(Node(Find("Deployment", workload), "spec", "template", "spec", "containers")));

    [Fact]
    public void Every_document_is_a_named_kubernetes_object_in_the_platforms_namespace()
    {
        Assert.NotEmpty(Documents.Value);
        foreach (var document in Documents.Value)
        {
            Assert.False(string.IsNullOrEmpty(Text(document, "apiVersion")));
            Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")));
            if (Text(document, "kind") != "Namespace") Assert.Equal("newsplatform", Text(document, "metadata", "namespace"));
        }
        Find("Namespace", "newsplatform");
    }

    [Fact]
    public void PostgreSQL_and_RabbitMQ_are_clusters_of_three_run_by_their_operators()
    {
        var postgres = Find("Cluster", "newsplatform-postgres");
        Assert.StartsWith("postgresql.cnpg.io/", Text(postgres, "apiVersion"));
        Assert.Equal("3", Text(postgres, "spec", "instances"));
        var rabbitmq = Find("RabbitmqCluster", "newsplatform-rabbitmq");
        Assert.StartsWith("rabbitmq.com/", Text(rabbitmq, "apiVersion"));
        Assert.Equal("3", Text(rabbitmq, "spec", "replicas"));
        // Its queues replicated across the three: the services declare quorum queues.
        Assert.Equal("true", Text(Find("ConfigMap", "newsplatform-settings"), "data", "Messaging__QuorumQueues"));
    }

    [Theory]
    [InlineData("articles", 3)]
    [InlineData("subscriptions", 3)]
    [InlineData("search", 3)]
    [InlineData("web", 2)] // its sessions shared in Redis
    [InlineData("gateway", 2)] // its limits and caches shared in Redis
    public void Each_part_runs_as_many_replicas_as_it_is_correct_with_and_a_drain_takes_one_at_a_time(string workload, int replicas)
    {
        Assert.Equal(replicas.ToString(), Text(Find("Deployment", workload), "spec", "replicas"));
        if (replicas > 1) Assert.Equal("1", Text(Find("PodDisruptionBudget", workload), "spec", "maxUnavailable"));
    }

    [Fact]
    public void Ready_means_health_and_alive_means_alive_on_the_http_port_of_every_part()
    {
        foreach (var workload in Workloads)
        {
            var container = Container(workload);
            Assert.Contains(Items(Node(container, "ports")), p => Text(p, "name") == "http" && Text(p, "containerPort") == "8080");
            Assert.Equal("/health", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("http", Text(container, "readinessProbe", "httpGet", "port"));
            Assert.Equal("/alive", Text(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("http", Text(container, "livenessProbe", "httpGet", "port"));

            var service = Find("Service", workload);
            Assert.Equal("http", Text(Assert.Single(Items(Node(service, "spec", "ports"))), "targetPort"));
            Assert.Equal(workload, Text(service, "spec", "selector", "app.kubernetes.io/name"));
        }
        Assert.Equal("LoadBalancer", Text(Find("Service", "gateway"), "spec", "type")); // the only way in
        Assert.All(Workloads.Except(["gateway"]), w => Assert.Equal("ClusterIP", Text(Find("Service", w), "spec", "type")));
    }

    [Fact]
    public void The_gateways_and_the_sites_share_their_edge_state_in_a_redis_whose_password_is_a_secret()
    {
        foreach (var workload in new[] { "gateway", "web" })
        {
            var edge = Assert.Single(Items(Node(Container(workload), "env")), v => Text(v, "name") == "ConnectionStrings__edge");
            Assert.Equal("edge", Text(edge, "valueFrom", "secretKeyRef", "key"));
        }
        var redis = Find("Deployment", "newsplatform-redis");
        var password = Assert.Single(Items(Node(Assert.Single(Items(Node(redis, "spec", "template", "spec", "containers"))), "env")));
        Assert.Equal("newsplatform-redis", Text(password, "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("ClusterIP", Text(Find("Service", "newsplatform-redis"), "spec", "type"));
    }

    [Fact]
    public void Connection_strings_and_passwords_come_from_secrets_never_from_the_manifests()
    {
        foreach (var workload in Workloads)
        {
            foreach (var variable in Items(Node(Container(workload), "env")))
            {
                var name = Text(variable, "name")!;
                if (name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.Contains("Password", StringComparison.Ordinal))
                {
                    Assert.Null(Text(variable, "value"));
                    Assert.Equal("newsplatform-connections", Text(variable, "valueFrom", "secretKeyRef", "name"));
                }
            }
        }
        var settings = Find("ConfigMap", "newsplatform-settings");
        Assert.DoesNotContain(((YamlMappingNode)Node(settings, "data")!).Children.Values.OfType<YamlScalarNode>(),
            v => v.Value!.Contains("Password=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_part_runs_with_two_malloc_arenas_so_its_native_memory_stays_flat_under_load()
    {
        Assert.Equal("2", Text(Find("ConfigMap", "newsplatform-settings"), "data", "MALLOC_ARENA_MAX"));
        foreach (var workload in Workloads)
        {
            Assert.Contains(Items(Node(Container(workload), "envFrom")), e => Text(e, "configMapRef", "name") == "newsplatform-settings");
            Assert.DoesNotContain(Items(Node(Container(workload), "env")), v => Text(v, "name") == "MALLOC_ARENA_MAX"); // no other value
        }
    }

    [Fact]
    public void Service_discovery_names_services_that_exist()
    {
        var data = (YamlMappingNode)Node(Find("ConfigMap", "newsplatform-settings"), "data")!;
        foreach (var service in Workloads.Except(["gateway"]))
            Assert.Equal($"http://{service}:8080", Text(data, $"services__{service}__http__0"));
        Assert.Equal("http://subscriptions:8080", Text(data, "Identity__Authority"));
    }

    [Fact]
    public void Each_search_replica_keeps_its_index_on_a_local_volume_where_it_looks_for_it()
    {
        var container = Container("search");
        var indexPath = Text(Assert.Single(Items(Node(container, "env")), v => Text(v, "name") == "Search__IndexPath"), "value");
        var mount = Assert.Single(Items(Node(container, "volumeMounts")), m => Text(m, "mountPath") == indexPath);
        var volume = Assert.Single(Items(Node(Find("Deployment", "search"), "spec", "template", "spec", "volumes")),
            v => Text(v, "name") == Text(mount, "name"));
        Assert.NotNull(Node(volume, "emptyDir")); // a projection, refilled from the event store when a pod starts afresh
    }
}
